import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * V8's compiled code of TypeScript and of the CLI, kept on the machine that runs velo-events.
 * A code cache is only good for the Node and V8 that made it and for the very file it was
 * made from, so a cache shipped in the package never fits where the package is installed:
 * TypeScript would compile from scratch on every run (issue #24). Each run that compiled
 * something anew writes its code here instead, and later runs load it.
 *
 * The folder is `node_modules/.cache/velo-events/v8/` of the project the package is
 * installed in (the convention of Babel's, ESLint's and terser's caches), or `<dir>/v8` of
 * `--cache-location <dir>`, which the bin puts in VELO_EVENTS_CODE_CACHE_DIR for every thread
 * and process of the run ('off' or '' turns the code cache off). A cache that cannot be read
 * or written costs time only: nothing here throws.
 *
 * The bin loads this module before the code cache is in place, so it imports nothing of ours.
 */
export const CODE_CACHE_DIR_VARIABLE = 'VELO_EVENTS_CODE_CACHE_DIR';

/** What every code cache must match besides its source file: the engine that made it. */
export interface EngineKey {
  node: string;
  v8: string;
  arch: string;
}

export function engineKey(): EngineKey {
  return { node: process.version, v8: process.versions.v8, arch: process.arch };
}

export function sameEngine(key: Partial<EngineKey> | undefined): boolean {
  const now = engineKey();
  return key !== undefined && key.node === now.node && key.v8 === now.v8 && key.arch === now.arch;
}

/** The folder of this machine's code caches; null when they are turned off. */
export function codeCacheFolder(packageRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env[CODE_CACHE_DIR_VARIABLE];
  if (chosen !== undefined) return chosen === '' || chosen === 'off' ? null : path.resolve(chosen);
  return path.join(installedNodeModules(packageRoot), '.cache', 'velo-events', 'v8');
}

/**
 * The `node_modules` of the project the package is installed in: the outermost one above it
 * (npm's nested copies and pnpm's `.pnpm/…` store both sit below it). This repository's own
 * tree, where the package is no one's dependency, keeps its cache beside the package.
 */
export function installedNodeModules(packageRoot: string): string {
  const parts = packageRoot.split(path.sep);
  const at = parts.indexOf('node_modules');
  return at === -1 ? path.join(packageRoot, 'node_modules') : parts.slice(0, at + 1).join(path.sep);
}

/**
 * The `--cache-location` of a command line, as the bin sees it before any parsing: the code
 * cache follows the analysis cache there. Absolute, relative to the working directory.
 */
export function cacheLocationArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') return null;
    if (arg === '--cache-location' && argv[i + 1] !== undefined) return path.resolve(argv[i + 1]!);
    if (arg.startsWith('--cache-location=')) return path.resolve(arg.slice('--cache-location='.length));
  }
  return null;
}

/**
 * One cache file: a 4-byte length, a JSON header saying what the code was made from, then
 * V8's data. One file, not a data file and an index, so a reader never pairs the header of
 * one write with the data of another: V8 itself checks little more than the source's length.
 */
export interface CodeCacheFile<Header> {
  header: Header;
  data: Buffer;
}

export function readCodeCacheFile<Header>(file: string): CodeCacheFile<Header> | null {
  try {
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as Header;
    return { header, data: bytes.subarray(4 + length) };
  } catch {
    return null;
  }
}

/**
 * Writes whole or not at all (a temporary file, then a rename), so runs that start together
 * never read half of another's write; the last rename wins, and each is a whole cache.
 * Returns whether it was written: a read-only folder is no cache, not an error.
 */
export function writeCodeCacheFile(file: string, header: unknown, data: Uint8Array): boolean {
  // Not fs/unique-suffix: node:crypto costs ~4 ms to load, and 'wx' refuses a name taken anyway.
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length, 0);
    writeFileSync(temp, Buffer.concat([length, json, data]), { flag: 'wx' });
    renameSync(temp, file);
    return true;
  } catch {
    removeQuietly(temp);
    return false;
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // A temporary file left in a folder we cannot write to: the next run's own is named apart.
  }
}

/** Whether a run that ends with this exit code may write caches: a usage error writes nothing. */
export function runMayWrite(exitCode: string | number | undefined): boolean {
  return exitCode === undefined || exitCode === 0 || exitCode === 1;
}
