import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CODE_FILE_LIST, codeFiles, listCodeFiles } from './code-files';

describe('codeFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'code-files-'));
    mkdirSync(path.join(dir, 'cli'));
    for (const name of ['aggregate.js', 'aggregate.js.map', 'aggregate.d.ts', 'cli/main.js', 'cli/main.spec.ts', 'model.ts', 'catalog.json']) {
      writeFileSync(path.join(dir, name), '');
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists code files, not maps, declarations, specs or data, with / and sorted', () => {
    expect(listCodeFiles(dir)).toEqual(['aggregate.js', 'cli/main.js', 'model.ts']);
    expect(codeFiles(dir)).toEqual(['aggregate.js', 'cli/main.js', 'model.ts']);
  });

  it('takes the list a build wrote instead of listing the folder', () => {
    writeFileSync(path.join(dir, CODE_FILE_LIST), JSON.stringify(['aggregate.js']));
    expect(codeFiles(dir)).toEqual(['aggregate.js']);
  });

  it('matches what the build wrote for dist/', () => {
    const dist = path.join(__dirname, '..', '..', 'dist');
    expect(codeFiles(dist)).toEqual(listCodeFiles(dist));
  });
});
