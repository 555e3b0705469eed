import { readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { CODE_ROOT } from '../base/package-layout';

/**
 * TypeScript's compiler is one 9 MB script; compiling it is ~40 % of the half second it
 * takes to load, on every run. V8 can instead take the compiled code from a cache made
 * once: `npm run build` writes `dist/typescript.v8cache` for the TypeScript that ts-morph
 * bundles (Node >= 22.1 would do the same through `module.enableCompileCache()`; we run on
 * Node 20). Nothing from a user's workspace goes into it, so `--no-cache` does not apply.
 */
// In dist/ itself, beside code-files.json: one file for the whole build.
const CACHE_FILE = path.join(CODE_ROOT, 'typescript.v8cache');

/**
 * What the cache was made for; any difference and it is not used. V8 itself only checks the
 * source's length, so the key names the file's inode change time too: a reinstall (even of
 * a same-sized file) moves it.
 */
interface CacheKey {
  file: string;
  size: number;
  ctimeMs: number;
  node: string;
  v8: string;
  /** Every byte below 0x80: read as Latin-1, a copy with no UTF-8 decoding (~80 ms less). */
  ascii: boolean;
}

const PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/** How TypeScript was loaded: from the code cache, compiled anew, or not by us. */
export type TypeScriptPreload = 'from-cache' | 'cache-rejected' | 'no-cache' | 'already-loaded';

let preloaded: TypeScriptPreload | null = null;

/**
 * Loads ts-morph's TypeScript from the code cache into `require.cache`, so the next
 * `require` of it (analyze/, or ts-morph through `@ts-morph/common`) finds it loaded.
 * Without a cache that fits, it does nothing and TypeScript loads the ordinary way.
 */
export function preloadTypeScript(): TypeScriptPreload {
  preloaded ??= preload();
  return preloaded;
}

function preload(): TypeScriptPreload {
  const file = typeScriptFile();
  if (require.cache[file]) return 'already-loaded';
  const cache = readCodeCache(file);
  if (!cache) return 'no-cache';
  const loaded = new Module(file);
  loaded.filename = file;
  require.cache[file] = loaded;
  try {
    // compileFunction, not a Script of the CommonJS wrapper: no 9 MB string concatenation.
    const source = readFileSync(file, cache.key.ascii ? 'latin1' : 'utf8');
    const run = vm.compileFunction(source, PARAMETERS, { filename: file, cachedData: cache.data });
    run.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, path.dirname(file));
    loaded.loaded = true;
    return (run as { cachedDataRejected?: boolean }).cachedDataRejected === true ? 'cache-rejected' : 'from-cache';
  } catch {
    // The ordinary require loads it again and reports whatever is really wrong.
    delete require.cache[file];
    return 'no-cache';
  }
}

/** Compiles TypeScript once and writes the code cache and its key (the build runs this). */
export function writeTypeScriptCodeCache(write: (file: string, data: string | Uint8Array) => void): string {
  const file = typeScriptFile();
  const bytes = readFileSync(file);
  const compiled = vm.compileFunction(bytes.toString('utf8'), PARAMETERS, { filename: file, produceCachedData: true }) as { cachedData?: Buffer };
  if (!compiled.cachedData) throw new Error(`V8 made no code cache for ${file}`);
  write(CACHE_FILE, compiled.cachedData);
  const key: CacheKey = { ...currentKey(file), ascii: bytes.every((byte) => byte < 0x80) };
  write(`${CACHE_FILE}.json`, `${JSON.stringify(key, null, 2)}\n`);
  return CACHE_FILE;
}

function typeScriptFile(): string {
  // The file analyze/ requires, and ts-morph through @ts-morph/common.
  return require.resolve('@ts-morph/common/dist/typescript.js');
}

function currentKey(file: string): Omit<CacheKey, 'ascii'> {
  const { size, ctimeMs } = statSync(file);
  return { file, size, ctimeMs, node: process.version, v8: process.versions.v8 };
}

function readCodeCache(file: string): { key: CacheKey; data: Buffer } | null {
  try {
    const key = JSON.parse(readFileSync(`${CACHE_FILE}.json`, 'utf8')) as CacheKey;
    const current = currentKey(file);
    const fits = (Object.keys(current) as (keyof typeof current)[]).every((name) => key[name] === current[name]);
    return fits ? { key, data: readFileSync(CACHE_FILE) } : null;
  } catch {
    return null;
  }
}
