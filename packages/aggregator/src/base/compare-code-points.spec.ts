import { compareCodePoints } from './compare-code-points';

describe('compareCodePoints', () => {
  it('orders by code point, unlike UTF-16 code units', () => {
    // U+FF21 (fullwidth A) is below U+1F600 as a code point, above it as UTF-16 units.
    expect(['\u{1F600}', '\uFF21', 'b', 'a', 'ab', ''].sort(compareCodePoints)).toEqual([
      '',
      'a',
      'ab',
      'b',
      '\uFF21',
      '\u{1F600}',
    ]);
  });
});
