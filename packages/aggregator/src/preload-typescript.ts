import { readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * TypeScript's compiler is one 9 MB script; compiling it is ~40 % of the half second it
 * takes to load, on every run. V8 can instead take the compiled code from a cache made
 * once: `npm run build` writes `dist/typescript.v8cache` for the TypeScript that ts-morph
 * bundles (Node >= 22.1 would do the same through `module.enableCompileCache()`; we run on
 * Node 20). Nothing from a user's workspace goes into it, so `--no-cache` does not apply.
 */
const CACHE_FILE = path.join(__dirname, 'typescript.v8cache');

/** What the cache was made for; any difference and it is not used. */
interface CacheKey {
  file: string;
  size: number;
  node: string;
  v8: string;
}

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
  const cachedData = readCodeCache(file);
  if (!cachedData) return 'no-cache';
  const loaded = new Module(file);
  loaded.filename = file;
  require.cache[file] = loaded;
  try {
    const script = new vm.Script(wrapModuleSource(readFileSync(file, 'utf8')), { filename: file, cachedData });
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, path.dirname(file));
    loaded.loaded = true;
    return script.cachedDataRejected === true ? 'cache-rejected' : 'from-cache';
  } catch {
    // The ordinary require loads it again and reports whatever is really wrong.
    delete require.cache[file];
    return 'no-cache';
  }
}

/** Compiles TypeScript once and writes the code cache and its key (the build runs this). */
export function writeTypeScriptCodeCache(write: (file: string, data: string | Uint8Array) => void): string {
  const file = typeScriptFile();
  const script = new vm.Script(wrapModuleSource(readFileSync(file, 'utf8')), { filename: file });
  write(CACHE_FILE, script.createCachedData());
  write(`${CACHE_FILE}.json`, `${JSON.stringify(cacheKey(file), null, 2)}\n`);
  return CACHE_FILE;
}

function typeScriptFile(): string {
  // The file analyze/ requires, and ts-morph through @ts-morph/common.
  return require.resolve('@ts-morph/common/dist/typescript.js');
}

function cacheKey(file: string): CacheKey {
  return { file, size: statSync(file).size, node: process.version, v8: process.versions.v8 };
}

function readCodeCache(file: string): Buffer | null {
  try {
    const key = JSON.parse(readFileSync(`${CACHE_FILE}.json`, 'utf8')) as CacheKey;
    const current = cacheKey(file);
    const fits = key.file === current.file && key.size === current.size && key.node === current.node && key.v8 === current.v8;
    return fits ? readFileSync(CACHE_FILE) : null;
  } catch {
    return null;
  }
}

/** CommonJS's own wrapper: the cache is only accepted for exactly the same source text. */
function wrapModuleSource(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}
