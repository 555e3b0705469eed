import { applyEdits, editsOverlap } from './apply-edits';

describe('applyEdits', () => {
  it('replaces, inserts and deletes, keeping every other character', () => {
    const text = 'export const a = 1;\r\nexport const b = 2;\r\n';
    expect(
      applyEdits(text, [
        { start: 13, end: 14, text: 'alpha' },
        { start: 21, end: 28, text: '' },
        { start: text.length, end: text.length, text: 'export { alpha as c };\r\n' },
      ]),
    ).toBe('export const alpha = 1;\r\nconst b = 2;\r\nexport { alpha as c };\r\n');
  });

  it('keeps insertions at one offset in the order given, whatever the order of the list', () => {
    expect(applyEdits('ab', [{ start: 1, end: 1, text: 'X' }, { start: 0, end: 1, text: '' }, { start: 1, end: 1, text: 'Y' }])).toBe('XYb');
  });

  it('rejects overlapping edits: that is a bug in a planner, not something to guess about', () => {
    expect(() => applyEdits('abcdef', [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }])).toThrow(
      'overlapping or out-of-range edit 2–4 (text length 6)',
    );
    expect(() => applyEdits('ab', [{ start: 1, end: 5, text: '' }])).toThrow('out-of-range');
  });
});

describe('editsOverlap', () => {
  it.each([
    [{ start: 0, end: 3 }, { start: 3, end: 5 }, false],
    [{ start: 0, end: 3 }, { start: 2, end: 5 }, true],
    [{ start: 2, end: 2 }, { start: 2, end: 2 }, false],
    [{ start: 2, end: 2 }, { start: 0, end: 2 }, false],
    [{ start: 2, end: 2 }, { start: 0, end: 3 }, true],
    [{ start: 0, end: 4 }, { start: 1, end: 1 }, true],
  ])('%o and %o: %s', (a, b, expected) => {
    expect(editsOverlap({ ...a, text: '' }, { ...b, text: '' })).toBe(expected);
    expect(editsOverlap({ ...b, text: '' }, { ...a, text: '' })).toBe(expected);
  });
});
