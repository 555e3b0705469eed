import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { PACKAGE_ROOT } from '../base/package-layout';
import { shortName } from '../base/short-name';
import { changeStampOf } from '../fs/change-stamp';
import { codeCacheFolder, engineKey, readCodeCacheFile, runMayWrite, sameEngine, writeCodeCacheFile, type EngineKey } from './code-cache-file';

/**
 * TypeScript's compiler is one 9 MB script: compiling it takes ~125 ms of every run that
 * loads it, against ~26 ms from V8's code cache. The first run on a machine compiles it and,
 * as it ends, writes V8's code (the functions the run called included) to this machine's
 * code cache folder (cache/code-cache-file); later runs load it from there. Nothing from a
 * user's workspace goes into it, so `--no-cache` does not apply. Node >= 22.1 would do the
 * same for every module through `module.enableCompileCache()`; we run on Node 20.
 */

/** What the cache was made from; any difference and it is made again. */
interface TypeScriptCacheKey extends EngineKey {
  file: string;
  size: number;
  ctimeMs: number;
}

/** How TypeScript was loaded: from the code cache, compiled anew, or not by us. */
export type TypeScriptPreload = 'from-cache' | 'cache-rejected' | 'no-cache' | 'already-loaded';

let preloaded: TypeScriptPreload | null = null;

/**
 * Loads ts-morph's TypeScript into `require.cache`, from the code cache when one fits, so
 * the next `require` of it (analyze/, or ts-morph through `@ts-morph/common`) finds it
 * loaded. When it had to compile, the code cache is written as the process ends.
 */
export function preloadTypeScript(): TypeScriptPreload {
  preloaded ??= preload();
  return preloaded;
}

// The CommonJS wrapper, written into the buffer the file is read into: one flat string, not
// a 9 MB concatenation V8 would copy again to compile it.
const PREFIX = Buffer.from('(function (exports, require, module, __filename, __dirname) { ');
const SUFFIX = Buffer.from('\n});');

function preload(): TypeScriptPreload {
  const file = typeScriptFile();
  if (require.cache[file]) return 'already-loaded';
  const stamp = changeStampOf(file);
  const folder = codeCacheFolder(PACKAGE_ROOT);
  if (stamp === null) return 'no-cache';
  const key: TypeScriptCacheKey = { ...engineKey(), file, size: stamp[0], ctimeMs: stamp[1] };
  const cacheFile = folder === null ? null : path.join(folder, `typescript-${shortName(file)}.v8`);
  const cached = cacheFile === null ? null : readCodeCacheFile<TypeScriptCacheKey>(cacheFile);
  const cachedData = cached !== null && fits(cached.header, key) ? cached.data : undefined;
  const loaded = new Module(file);
  loaded.filename = file;
  require.cache[file] = loaded;
  let script: vm.Script;
  try {
    script = new vm.Script(wrappedSource(file), { filename: file, cachedData });
    const run = script.runInThisContext() as (...args: unknown[]) => unknown;
    run.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, path.dirname(file));
    loaded.loaded = true;
  } catch {
    // The ordinary require loads it again and reports whatever is really wrong.
    delete require.cache[file];
    return 'no-cache';
  }
  const how = cachedData === undefined ? 'no-cache' : script.cachedDataRejected === true ? 'cache-rejected' : 'from-cache';
  if (how !== 'from-cache' && cacheFile !== null) {
    process.once('exit', (code) => {
      // Not when the file changed since it was read (a reinstall meanwhile): the code is the old text's.
      const now = changeStampOf(file);
      if (runMayWrite(code) && now !== null && now[0] === key.size && now[1] === key.ctimeMs) {
        writeCodeCacheFile(cacheFile, key, script.createCachedData());
      }
    });
  }
  return how;
}

function fits(header: Partial<TypeScriptCacheKey>, key: TypeScriptCacheKey): boolean {
  return sameEngine(header) && header.file === key.file && header.size === key.size && header.ctimeMs === key.ctimeMs;
}

/** The file's text inside Node's CommonJS wrapper; Latin-1 when every byte is ASCII (no UTF-8 decoding, ~80 ms less). */
function wrappedSource(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafe(PREFIX.length + size + SUFFIX.length);
    PREFIX.copy(bytes, 0);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, PREFIX.length + read, size - read, read);
      if (n === 0) throw new Error(`${file} ended after ${read} of ${size} bytes`);
      read += n;
    }
    SUFFIX.copy(bytes, PREFIX.length + size);
    return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  } finally {
    closeSync(fd);
  }
}

function typeScriptFile(): string {
  // The file analyze/ requires, and ts-morph through @ts-morph/common.
  return require.resolve('@ts-morph/common/dist/typescript.js');
}
