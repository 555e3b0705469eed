import { shortName } from './short-name';

describe('shortName', () => {
  it('is sixteen hex digits, the same for the same text', () => {
    expect(shortName('/work/site')).toMatch(/^[0-9a-f]{16}$/);
    expect(shortName('/work/site')).toBe(shortName('/work/site'));
    expect(shortName('')).toBe('811c9dc501000193');
  });

  it('tells apart texts that differ in one character, in order, or in length', () => {
    const texts = ['/work/site', '/work/sitf', '/work/siet', '/work/site/', '/work/sit', 'C:\\work\\site', '/wörk/site'];
    expect(new Set(texts.map(shortName)).size).toBe(texts.length);
  });
});
