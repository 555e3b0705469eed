import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { aggregate } from '../src/aggregate';

describe('a re-export chain deeper than the stack', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'velo-events-deep-chain-'));
    const backend = path.join(root, 'src', 'backend');
    await mkdir(backend, { recursive: true });
    await writeFile(path.join(root, 'package.json'), '{ "name": "deep" }');
    await writeFile(path.join(root, 'wix.config.json'), '{}');
    await writeFile(path.join(backend, 'events.js'), "export * from './m0.js';\n");
    const depth = 6000;
    for (let i = 0; i < depth; i += 1) {
      await writeFile(path.join(backend, `m${i}.js`), i + 1 < depth ? `export * from './m${i + 1}.js';\n` : 'export function wixCrm_onContactCreated(event) {}\n');
    }
  }, 60_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is a located parse-error on the events file, not an internal error', async () => {
    const { report } = await aggregate({ root });
    expect(report.sites).toEqual([{ name: 'deep', root: '.', events: {} }]);
    expect(report.diagnostics).toEqual([
      {
        code: 'parse-error',
        severity: 'error',
        file: 'src/backend/events.js',
        line: 1,
        column: 1,
        message:
          'its re-export chain (`export *` / `export … from` through other modules) is too deep for velo-events to follow, so none of its exports are counted; re-export the handlers from fewer levels',
      },
    ]);
  }, 60_000);
});
