import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ModuleFacts } from '../analyze/module-facts';
import { openModuleCache } from './module-cache';

const FACTS: ModuleFacts = {
  file: 'backend/events.js',
  parsed: true,
  exports: [
    {
      name: 'wixCrm_onContactCreated',
      nameAt: { file: 'backend/events.js', line: 1, column: 17 },
      value: { kind: 'function', async: false, params: 1, at: { file: 'backend/events.js', line: 1, column: 1 }, extraParamAt: null },
    },
  ],
  stars: [],
  imports: [],
  sdkRegistrations: [],
  moduleFindings: [],
  eventsFileFindings: [],
  localSpecifiers: [{ specifier: './helper.js', at: { file: 'backend/events.js', line: 2, column: 20 } }],
};

describe('openModuleCache', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'module-cache-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('gives back the facts it was given, by stamp and by hash, after a save and a reopen', async () => {
    const first = await openModuleCache(folder);
    expect(first.isEmpty).toBe(true);
    first.set('backend/events.js', 'a'.repeat(64), { size: 120, ctimeMs: 5 }, FACTS);
    await first.save();

    const second = await openModuleCache(folder);
    expect(second.isEmpty).toBe(false);
    expect(second.unchanged('backend/events.js', { size: 120, ctimeMs: 5 })).toEqual({ sha256: 'a'.repeat(64), facts: FACTS });
    expect(second.unchanged('backend/events.js', { size: 121, ctimeMs: 5 })).toBeUndefined();
    expect(second.get('backend/events.js', 'a'.repeat(64))).toEqual(FACTS);
    expect(second.get('backend/events.js', 'b'.repeat(64))).toBeUndefined();
  });

  it('keeps an entry found by hash under the stamp it is given: the next run finds it by that stamp', async () => {
    const first = await openModuleCache(folder);
    first.set('backend/events.js', 'a'.repeat(64), { size: 120, ctimeMs: 5 }, FACTS);
    await first.save();
    const second = await openModuleCache(folder);
    expect(second.get('backend/events.js', 'a'.repeat(64), { size: 120, ctimeMs: 9 })).toEqual(FACTS);
    await second.save();
    const third = await openModuleCache(folder);
    expect(third.unchanged('backend/events.js', { size: 120, ctimeMs: 9 })).toEqual({ sha256: 'a'.repeat(64), facts: FACTS });
    expect(third.unchanged('backend/events.js', { size: 120, ctimeMs: 5 })).toBeUndefined();
  });

  it('hands out a fresh copy each time: a caller changing one does not change the cache', async () => {
    const cache = await openModuleCache(folder);
    cache.set('backend/events.js', 'a'.repeat(64), { size: 120, ctimeMs: 5 }, FACTS);
    await cache.save();
    const reopened = await openModuleCache(folder);
    reopened.get('backend/events.js', 'a'.repeat(64))!.exports.length = 0;
    expect(reopened.get('backend/events.js', 'a'.repeat(64))).toEqual(FACTS);
  });

  it('drops the files of other formats and analyzer builds when it saves', async () => {
    await writeFile(path.join(folder, 'modules-0123456789abcdef.bin'), 'an older format');
    await writeFile(path.join(folder, 'modules-v4-0123456789abcdef.bin'), 'the format before this one');
    const cache = await openModuleCache(folder);
    expect(cache.isEmpty).toBe(true);
    cache.set('backend/events.js', 'a'.repeat(64), { size: 120, ctimeMs: 5 }, FACTS);
    await cache.save();
    expect((await readdir(folder)).map((name) => name.replace(/[0-9a-f]{16}/, '<id>'))).toEqual(['modules-v5-<id>.bin']);
  });
});
