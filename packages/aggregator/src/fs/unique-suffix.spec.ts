import { uniqueSuffix } from './unique-suffix';

describe('uniqueSuffix', () => {
  it('is twelve hex digits, a different one on each call', () => {
    const suffixes = Array.from({ length: 100 }, () => uniqueSuffix());
    expect(suffixes.every((suffix) => /^[0-9a-f]{12}$/.test(suffix))).toBe(true);
    expect(new Set(suffixes).size).toBe(100);
  });
});
