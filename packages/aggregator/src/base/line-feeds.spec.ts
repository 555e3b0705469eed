import { hasOnlyLineFeeds } from './line-feeds';

describe('hasOnlyLineFeeds', () => {
  it('is true for a text whose line breaks are all LF, or that has none', () => {
    expect(hasOnlyLineFeeds('')).toBe(true);
    expect(hasOnlyLineFeeds('export const a = 1;')).toBe(true);
    expect(hasOnlyLineFeeds('a\nb\n\nc\n')).toBe(true);
  });

  it('is false when any other line terminator appears: CR LF, CR alone, U+2028, U+2029', () => {
    expect(hasOnlyLineFeeds('a\r\nb')).toBe(false);
    expect(hasOnlyLineFeeds('a\nb\rc')).toBe(false);
    expect(hasOnlyLineFeeds('a\u2028b')).toBe(false);
    expect(hasOnlyLineFeeds('a\n\u2029')).toBe(false);
  });
});
