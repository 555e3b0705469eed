import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { CODE_ROOT, PACKAGE_ROOT } from '../base/package-layout';
import { changeStampOf, type ChangeStamp } from '../fs/change-stamp';

/**
 * The CLI's own compiled code, from a V8 code cache made at build time: the functions a run
 * calls would otherwise be compiled again on every run. `npm run build` runs one check with
 * `VELO_EVENTS_WRITE_CODE_CACHE` set (scripts/build-cli-code-cache.cjs), and then keeps V8's
 * code for each of this package's modules that it loaded (the CLI's bundle, or its modules
 * one by one without it), functions it ran included. Measured on this repository's fixture
 * workspace (25 paired rounds, before the bundle): cold check 190 → 184 ms, warm 99 → 92 ms.
 * Node >= 22.1 does the same with `module.enableCompileCache()`.
 *
 * A module is taken from the cache only when its text is the one it was made from and Node
 * and V8 are the ones that made it (V8 itself checks little more than the text's length);
 * anything else compiles the ordinary way. The text is known to be the same when its file
 * has the size and inode change time it had then (the build that made the cache), else when
 * it hashes (SHA-1) as it did: node:crypto costs a warm check ~4 ms to load, and is loaded
 * only then. Nothing of a user's workspace goes into it.
 */

// In dist/ itself, beside typescript.v8cache: one blob and its index for the whole build.
export const CACHE_FILE = path.join(CODE_ROOT, 'cli.v8cache');
const INDEX_FILE = `${CACHE_FILE}.json`;

export interface CacheIndex {
  node: string;
  v8: string;
  /** By path relative to the package root: where its code is in the blob, its text's hash, and its file's size and change time. */
  modules: Record<string, { offset: number; size: number; sha1: string; file: [size: number, ctimeMs: number] }>;
}

/**
 * The folder whose modules are cached: this package's compiled code. The CLI's bundle holds
 * the dependencies a check always loads; the others are left to compile the ordinary way.
 */
const CACHED_FOLDER = path.join(PACKAGE_ROOT, 'dist') + path.sep;

/** Wraps a module's text as Node does, so the code can be cached as one script. */
export function wrapped(text: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${text}\n});`;
}

interface Compiling {
  _compile(this: Module & Compiling, content: string, filename: string): unknown;
}

/**
 * From now on, modules of the cached folder are compiled with their cached code. With
 * `VELO_EVENTS_WRITE_CODE_CACHE` set, the cache is written instead, when the process ends.
 */
export function installCompileCache(): void {
  try {
    install();
  } catch {
    // A cache that cannot be used costs only time: modules compile the ordinary way.
  }
}

function install(): void {
  const writing = process.env['VELO_EVENTS_WRITE_CODE_CACHE'] === '1';
  const index = writing ? null : readIndex();
  if (!writing && index === null) return;
  const blob = index === null ? null : readBlob();
  if (!writing && blob === null) return;
  const scripts = new Map<string, { script: vm.Script; sha1: string; filename: string }>();
  const prototype = Module.prototype as unknown as Compiling;
  const compile = prototype._compile;
  prototype._compile = function (content, filename) {
    // A file starting with `#!` is left to Node, which knows to skip that line.
    if (content.startsWith('#!') || !filename.startsWith(CACHED_FOLDER)) return compile.call(this, content, filename);
    const key = path.relative(PACKAGE_ROOT, filename).split(path.sep).join('/');
    const entry = index?.modules[key];
    // An index without stamps (made by an older build) falls back to the hash.
    const sha1 = entry && Array.isArray(entry.file) && sameFile(entry.file, filename) ? entry.sha1 : textHash(content);
    const cachedData = index && blob ? cachedCode(index, blob, key, sha1) : undefined;
    const script = new vm.Script(wrapped(content), { filename, cachedData });
    if (writing) scripts.set(key, { script, sha1, filename });
    const run = script.runInThisContext() as (...args: unknown[]) => unknown;
    return run.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  if (writing) process.once('exit', () => writeCache(scripts));
}

/** What says a module's cached code was made from this very text. */
export function textHash(text: string): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(text).digest('hex');
}

/** Whether `filename` is the file its cache entry was made from: no write since, none at all. */
export function sameFile([size, ctimeMs]: ChangeStamp, filename: string): boolean {
  const now = changeStampOf(filename);
  return now !== null && now[0] === size && now[1] === ctimeMs;
}

/** The cached code of the module at `key` (relative to the package root), if made from this very text. */
export function cachedCode(index: CacheIndex, blob: Buffer, key: string, sha1: string): Buffer | undefined {
  const entry = index.modules[key];
  return entry && entry.sha1 === sha1 ? blob.subarray(entry.offset, entry.offset + entry.size) : undefined;
}

/** Node's own module internals that its `require` is made of (lib/internal/modules/helpers). */
interface ModuleInternals {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
}

/** `require` as Node gives a module: relative to it, with `resolve`, `cache` and `main`. */
function requireFor(module: Module): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals;
  const required = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  required.resolve = resolve;
  required.cache = require.cache;
  required.main = require.main;
  return required;
}

function readIndex(): CacheIndex | null {
  try {
    const index = JSON.parse(readFileSync(INDEX_FILE, 'utf8')) as CacheIndex;
    return index.node === process.version && index.v8 === process.versions.v8 ? index : null;
  } catch {
    return null;
  }
}

function readBlob(): Buffer | null {
  try {
    return readFileSync(CACHE_FILE);
  } catch {
    return null;
  }
}

/** V8's code of each module as it stands now: the functions this run called included. */
function writeCache(scripts: ReadonlyMap<string, { script: vm.Script; sha1: string; filename: string }>): void {
  const parts: Buffer[] = [];
  const modules: CacheIndex['modules'] = {};
  let offset = 0;
  for (const [key, { script, sha1, filename }] of [...scripts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const data = script.createCachedData();
    const stamp = changeStampOf(filename);
    if (stamp === null) throw new Error(`${filename} is gone: no code cache is written for it`);
    modules[key] = { offset, size: data.length, sha1, file: [...stamp] };
    parts.push(data);
    offset += data.length;
  }
  writeFileSync(CACHE_FILE, Buffer.concat(parts));
  const index: CacheIndex = { node: process.version, v8: process.versions.v8, modules };
  writeFileSync(INDEX_FILE, `${JSON.stringify(index, null, 2)}\n`);
}
