import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { shortName } from '../base/short-name';
import { ALL_CODES } from '../validate/codes';
import { fileStamps, openReportCache, reportCacheKey } from './report-cache';

describe('reportCacheKey', () => {
  it('is the same for the same build and config, and holds the config whole', () => {
    expect(reportCacheKey('{"rules":{}}')).toBe(reportCacheKey('{"rules":{}}'));
    expect(reportCacheKey('{"rules":{}}').endsWith('\n{"rules":{}}')).toBe(true);
    expect(reportCacheKey('{"rules":{}}')).not.toBe(reportCacheKey('{"rules":{"x":"off"}}'));
  });

  it('names the stamps of every code file, the catalog and every parser', () => {
    const names = reportCacheKey('{}').split('\n').slice(0, -1).map((line) => line.split('\0')[0]);
    expect(names.slice(-6)).toEqual(['catalog.json', 'event-fields.json', 'ts-morph', '@ts-morph/common', 'acorn', 'fastest-levenshtein']);
    expect(names).toEqual(expect.arrayContaining(['cache/report-cache.ts', 'cli/main.ts', 'aggregate.ts']));
  });

  it('names the stamp of every rule page, which SARIF output carries', () => {
    const names = reportCacheKey('{}').split('\n').slice(0, -1).map((line) => line.split('\0')[0]);
    expect(names.filter((name) => name.startsWith('docs/rules/'))).toEqual(ALL_CODES.map((code) => `docs/rules/${code}.md`));
  });
});

describe('fileStamps', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'velo-events-stamps-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('changes when a file is written again, same bytes or not, and says when one is gone', async () => {
    const file = path.join(folder, 'catalog.json');
    writeFileSync(file, '{}');
    const { size, ctimeMs } = statSync(file);
    const before = fileStamps([['catalog.json', file]]);
    expect(before).toBe(`catalog.json\0${size}\0${ctimeMs}`);
    // The kernel's file times move by clock ticks: let one pass. Then chmod to the same
    // mode: the bytes stay, the inode's change time moves.
    await new Promise((resolve) => setTimeout(resolve, 50));
    chmodSync(file, statSync(file).mode);
    expect(fileStamps([['catalog.json', file]])).not.toBe(before);
    rmSync(file);
    expect(fileStamps([['catalog.json', file]])).toBe('catalog.json\0missing');
  });
});

describe('openReportCache', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'velo-events-report-key-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** An entry for `root` stored as `file`: it remembers one package.json. */
  function storeEntry(file: string, root: string, key: string): void {
    const header = { key: `${root}\n${key}`, packages: '[]', files: [], resolutions: [], manifests: { pkg: [1, 2, { name: 'pkg' }] }, reportFile: 'none', output: null };
    writeFileSync(path.join(folder, file), JSON.stringify(header));
  }
  const recalled = (root: string, key: string): unknown => openReportCache(folder, root, key).manifests.recall('pkg', { size: 1, ctimeMs: 2 });

  it("answers from its own root's entry only, even when another root's has its file name", () => {
    const key = reportCacheKey('{}');
    storeEntry(`report-${shortName('/work/one')}.json`, '/work/one', key);
    expect(recalled('/work/one', key)).toEqual({ name: 'pkg' });
    expect(recalled('/work/one', reportCacheKey('{"order":[]}'))).toBeUndefined();
    // As if the two roots' names were the same: the entry found is still the other root's.
    storeEntry(`report-${shortName('/work/two')}.json`, '/work/one', key);
    expect(recalled('/work/two', key)).toBeUndefined();
  });
});
