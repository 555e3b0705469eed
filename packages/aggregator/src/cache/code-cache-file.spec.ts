import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CODE_CACHE_DIR_VARIABLE,
  cacheLocationArgument,
  codeCacheFolder,
  installedNodeModules,
  readCodeCacheFile,
  runMayWrite,
  sameEngine,
  writeCodeCacheFile,
} from './code-cache-file';

describe('codeCacheFolder', () => {
  const site = path.join(path.sep, 'repo', 'site');

  it("is node_modules/.cache/velo-events/v8 of the project the package is installed in", () => {
    const installed = path.join(site, 'node_modules', '@velo-events', 'aggregator');
    expect(codeCacheFolder(installed, {})).toBe(path.join(site, 'node_modules', '.cache', 'velo-events', 'v8'));
  });

  it("is the outermost node_modules's for a nested copy or pnpm's store", () => {
    const nested = path.join(site, 'node_modules', '@velo-events', 'eslint-plugin', 'node_modules', '@velo-events', 'aggregator');
    const pnpm = path.join(site, 'node_modules', '.pnpm', '@velo-events+aggregator@0.1.0', 'node_modules', '@velo-events', 'aggregator');
    expect(installedNodeModules(nested)).toBe(path.join(site, 'node_modules'));
    expect(installedNodeModules(pnpm)).toBe(path.join(site, 'node_modules'));
  });

  it("is beside the package in this repository's tree, where it is no one's dependency", () => {
    const tree = path.join(path.sep, 'work', 'velo-events', 'packages', 'aggregator');
    expect(codeCacheFolder(tree, {})).toBe(path.join(tree, 'node_modules', '.cache', 'velo-events', 'v8'));
  });

  it(`is ${CODE_CACHE_DIR_VARIABLE} when set (absolute), and none when that says off or is empty`, () => {
    expect(codeCacheFolder(site, { [CODE_CACHE_DIR_VARIABLE]: path.join(path.sep, 'tmp', 'v8') })).toBe(path.join(path.sep, 'tmp', 'v8'));
    expect(codeCacheFolder(site, { [CODE_CACHE_DIR_VARIABLE]: 'rel' })).toBe(path.resolve('rel'));
    expect(codeCacheFolder(site, { [CODE_CACHE_DIR_VARIABLE]: 'off' })).toBeNull();
    expect(codeCacheFolder(site, { [CODE_CACHE_DIR_VARIABLE]: '' })).toBeNull();
  });
});

describe('cacheLocationArgument', () => {
  it('reads --cache-location in both spellings, resolved against the working directory', () => {
    expect(cacheLocationArgument(['check', '--cache-location', 'c', '--no-cache'])).toBe(path.resolve('c'));
    expect(cacheLocationArgument(['check', '--cache-location=/abs/c'])).toBe(path.resolve('/abs/c'));
  });

  it('is null without it, with no value, or after --', () => {
    expect(cacheLocationArgument(['check', '--root', 'x'])).toBeNull();
    expect(cacheLocationArgument(['check', '--cache-location'])).toBeNull();
    expect(cacheLocationArgument(['trigger', '--', '--cache-location', 'c'])).toBeNull();
  });
});

describe('readCodeCacheFile / writeCodeCacheFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'velo-events-code-cache-'));
  });
  afterEach(() => {
    chmodSync(folder, 0o755);
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads back the header and data it wrote, creating the folder, and leaves no temporary file', () => {
    const file = path.join(folder, 'a', 'b', 'typescript-0123.v8');
    expect(writeCodeCacheFile(file, { file: 'x.js', size: 3 }, Buffer.from([7, 8, 9]))).toBe(true);
    expect(readCodeCacheFile(file)).toEqual({ header: { file: 'x.js', size: 3 }, data: Buffer.from([7, 8, 9]) });
    expect(readdirSync(path.dirname(file))).toEqual(['typescript-0123.v8']);
  });

  it('replaces an earlier write whole', () => {
    const file = path.join(folder, 'cli.v8');
    writeCodeCacheFile(file, { n: 1 }, Buffer.alloc(1000, 1));
    writeCodeCacheFile(file, { n: 2 }, Buffer.from([2]));
    expect(readCodeCacheFile(file)).toEqual({ header: { n: 2 }, data: Buffer.from([2]) });
  });

  it('reads nothing from a missing, truncated or foreign file', () => {
    expect(readCodeCacheFile(path.join(folder, 'none.v8'))).toBeNull();
    writeFileSync(path.join(folder, 'short.v8'), Buffer.from([200, 0, 0, 0, 123]));
    expect(readCodeCacheFile(path.join(folder, 'short.v8'))).toBeNull();
    writeFileSync(path.join(folder, 'empty.v8'), '');
    expect(readCodeCacheFile(path.join(folder, 'empty.v8'))).toBeNull();
  });

  it('writes nothing, and throws nothing, where it may not write', () => {
    const target = path.join(folder, 'file-not-folder');
    writeFileSync(target, '');
    expect(writeCodeCacheFile(path.join(target, 'cli.v8'), {}, Buffer.from([1]))).toBe(false);
    if (process.getuid?.() === 0) return; // root writes into a read-only folder anyway
    mkdirSync(path.join(folder, 'ro'));
    chmodSync(path.join(folder, 'ro'), 0o555);
    expect(writeCodeCacheFile(path.join(folder, 'ro', 'cli.v8'), {}, Buffer.from([1]))).toBe(false);
    expect(readdirSync(path.join(folder, 'ro'))).toEqual([]);
  });
});

describe('sameEngine and runMayWrite', () => {
  it('takes only the running Node, V8 and architecture', () => {
    expect(sameEngine({ node: process.version, v8: process.versions.v8, arch: process.arch })).toBe(true);
    expect(sameEngine({ node: 'v18.0.0', v8: process.versions.v8, arch: process.arch })).toBe(false);
    expect(sameEngine({ node: process.version, v8: process.versions.v8 })).toBe(false);
    expect(sameEngine(undefined)).toBe(false);
  });

  it('lets a run that ended 0 or 1 write, not a usage error or a crash', () => {
    expect([undefined, 0, 1, 2, 3].map(runMayWrite)).toEqual([true, true, true, false, false]);
  });
});
