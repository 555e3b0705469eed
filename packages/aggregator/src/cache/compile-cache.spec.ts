import type { ChangeStamp } from '../fs/change-stamp';
import { cachedCode, type CacheHeader } from './compile-cache';

describe('cachedCode', () => {
  const header: CacheHeader = {
    node: process.version,
    v8: process.versions.v8,
    arch: process.arch,
    analyzed: true,
    modules: { 'dist/cli/bundle.js': { offset: 2, size: 3, file: [120, 1_700_000_000_000.25] } },
  };
  const data = Buffer.from([0, 1, 2, 3, 4, 5]);
  const stamp: ChangeStamp = [120, 1_700_000_000_000.25];

  it("is the module's slice of the data while its file has the stamp it was made from", () => {
    expect(cachedCode(header, data, 'dist/cli/bundle.js', stamp)).toEqual(Buffer.from([2, 3, 4]));
  });

  it('is nothing once the file was written again (other size or change time) or for a module it does not hold', () => {
    expect(cachedCode(header, data, 'dist/cli/bundle.js', [121, stamp[1]])).toBeUndefined();
    expect(cachedCode(header, data, 'dist/cli/bundle.js', [120, stamp[1] + 1])).toBeUndefined();
    expect(cachedCode(header, data, 'dist/cli/main.js', stamp)).toBeUndefined();
  });
});
