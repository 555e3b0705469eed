import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { PACKAGE_ROOT } from '../base/package-layout';
import { shortName } from '../base/short-name';
import { changeStampOf, type ChangeStamp } from '../fs/change-stamp';
import {
  CODE_CACHE_DIR_VARIABLE,
  cacheLocationArgument,
  codeCacheFolder,
  engineKey,
  readCodeCacheFile,
  runMayWrite,
  sameEngine,
  writeCodeCacheFile,
  type CodeCacheFile,
  type EngineKey,
} from './code-cache-file';

/**
 * The CLI's own compiled code, from V8's code cache on this machine (cache/code-cache-file):
 * the functions a run calls would otherwise be compiled again on every run (the CLI's bundle
 * is ~0.8 MB). A run that compiled any of this package's modules anew writes, as it ends,
 * V8's code of every one it loaded, functions it ran included; the next run takes each
 * module's code from there when its file has the size and inode change time it had then.
 * Measured on this repository's fixture workspace (25 paired rounds, before the bundle): cold
 * check 190 → 184 ms, warm 99 → 92 ms. Nothing of a user's workspace goes into it.
 */

export interface CacheHeader extends EngineKey {
  /**
   * Whether the run that wrote it analyzed (loaded TypeScript): V8 keeps the code of the
   * functions a run called, so a cache left by `--version` or `--help` holds little of what a
   * check calls, and the first check after it writes the cache again.
   */
  analyzed: boolean;
  /** By path relative to the package root: where its code is in the data, and its file's size and change time. */
  modules: Record<string, { offset: number; size: number; file: ChangeStamp }>;
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

/** The cache file of this package's code; one per installed copy of the package. */
export function cliCacheFile(folder: string): string {
  return path.join(folder, `cli-${shortName(PACKAGE_ROOT)}.v8`);
}

/**
 * From now on, modules of the cached folder are compiled with their cached code. `argv` is
 * the command line: with `--cache-location <dir>` the code cache is kept in `<dir>/v8`, and
 * every thread and child process of the run is told so.
 */
export function installCompileCache(argv: readonly string[] = []): void {
  const location = cacheLocationArgument(argv);
  if (location !== null && process.env[CODE_CACHE_DIR_VARIABLE] === undefined) {
    process.env[CODE_CACHE_DIR_VARIABLE] = path.join(location, 'v8');
  }
  const folder = codeCacheFolder(PACKAGE_ROOT);
  if (folder === null) return;
  try {
    install(cliCacheFile(folder));
  } catch {
    // A cache that cannot be used costs only time: modules compile the ordinary way.
  }
}

/** Which of this package's modules this run took from the code cache, and which it compiled: for tests. */
export interface CompileCacheStatus {
  cached: string[];
  compiled: string[];
}

const status: CompileCacheStatus = { cached: [], compiled: [] };

export function compileCacheStatus(): CompileCacheStatus {
  return { cached: [...status.cached], compiled: [...status.compiled] };
}

function install(cacheFile: string): void {
  const cached = readCodeCacheFile<CacheHeader>(cacheFile);
  const usable = cached !== null && sameEngine(cached.header) ? cached : null;
  const scripts = new Map<string, CompiledModule>();
  let compiledAnew = false;
  const prototype = Module.prototype as unknown as Compiling;
  const compile = prototype._compile;
  prototype._compile = function (content, filename) {
    // A file starting with `#!` is left to Node, which knows to skip that line.
    if (content.startsWith('#!') || !filename.startsWith(CACHED_FOLDER)) return compile.call(this, content, filename);
    const key = path.relative(PACKAGE_ROOT, filename).split(path.sep).join('/');
    const stamp = changeStampOf(filename);
    const cachedData = usable === null || stamp === null ? undefined : cachedCode(usable.header, usable.data, key, stamp);
    const script = new vm.Script(wrapped(content), { filename, cachedData });
    const fromCache = cachedData !== undefined && script.cachedDataRejected !== true;
    (fromCache ? status.cached : status.compiled).push(key);
    if (!fromCache) compiledAnew = true;
    if (stamp !== null) scripts.set(key, { script, filename, stamp });
    const run = script.runInThisContext() as (...args: unknown[]) => unknown;
    return run.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  process.once('exit', (code) => {
    const analyzed = loadedTypeScript();
    const better = compiledAnew || (analyzed && usable?.header.analyzed !== true);
    if (better && runMayWrite(code)) writeCache(cacheFile, scripts, usable, analyzed);
  });
}

interface CompiledModule {
  script: vm.Script;
  filename: string;
  /** Its file's stamp when it was read: the code is that text's. */
  stamp: ChangeStamp;
}

/** The cached code of the module at `key` (relative to the package root), if made from the file that now has `stamp`. */
export function cachedCode(header: CacheHeader, data: Buffer, key: string, stamp: ChangeStamp): Buffer | undefined {
  const entry = header.modules[key];
  return entry && Array.isArray(entry.file) && sameStamp(entry.file, stamp) ? data.subarray(entry.offset, entry.offset + entry.size) : undefined;
}

function sameStamp(a: ChangeStamp, b: ChangeStamp | null): boolean {
  return b !== null && a[0] === b[0] && a[1] === b[1];
}

/** Whether this process loaded ts-morph's TypeScript: it analyzed something. */
function loadedTypeScript(): boolean {
  return Object.keys(require.cache).some((file) => file.endsWith(TYPESCRIPT_FILE));
}

const TYPESCRIPT_FILE = path.join('@ts-morph', 'common', 'dist', 'typescript.js');

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

/**
 * V8's code of each module this run loaded, as it stands now (the functions the run called
 * included), and the earlier cache's code of the modules it did not load (another command's),
 * so that commands loading different modules do not each rewrite the cache in turn.
 */
function writeCache(
  cacheFile: string,
  scripts: ReadonlyMap<string, CompiledModule>,
  earlier: CodeCacheFile<CacheHeader> | null,
  analyzed: boolean,
): void {
  const code = new Map<string, { data: Buffer; stamp: ChangeStamp }>();
  for (const [key, entry] of Object.entries(earlier?.header.modules ?? {})) {
    if (scripts.has(key) || !Array.isArray(entry.file)) continue;
    if (sameStamp(entry.file, changeStampOf(path.join(PACKAGE_ROOT, key)))) {
      code.set(key, { data: earlier!.data.subarray(entry.offset, entry.offset + entry.size), stamp: entry.file });
    }
  }
  for (const [key, { script, filename, stamp }] of scripts) {
    // A module rewritten while the run went on (a rebuild) is left to the next run.
    if (sameStamp(stamp, changeStampOf(filename))) code.set(key, { data: script.createCachedData(), stamp });
  }
  const parts: Buffer[] = [];
  const modules: CacheHeader['modules'] = {};
  let offset = 0;
  for (const [key, { data, stamp }] of [...code].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    modules[key] = { offset, size: data.length, file: [...stamp] };
    parts.push(data);
    offset += data.length;
  }
  const header: CacheHeader = { ...engineKey(), analyzed, modules };
  writeCodeCacheFile(cacheFile, header, Buffer.concat(parts));
}
