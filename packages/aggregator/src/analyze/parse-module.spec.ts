import fc from 'fast-check';
import ts = require('@ts-morph/common/dist/typescript.js');
import { lineStartsOf } from '../base/line-starts';
import { parseModule } from './parse-module';

/** TypeScript's own, exported at run time but not in its typings. */
const computeLineStarts = (ts as unknown as { computeLineStarts(text: string): number[] }).computeLineStarts;

describe('lineStartsOf', () => {
  it('gives what TypeScript computes, for every kind of line break', () => {
    for (const text of ['', 'a', '\n', 'a\nb', 'a\n', '\n\n', 'a\r\nb', 'a\rb', 'a\r\r\nb\n', 'a\u2028b\u2029c', 'x\n\r\n\ry']) {
      expect(lineStartsOf(text)).toEqual(computeLineStarts(text));
    }
    expect(lineStartsOf('export const a = 1;\nexport const b = 2;\n')).toEqual([0, 20, 40]);
  });

  it('on any text', () => {
    const piece = fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '\u2028', '\u2029', '`', '//');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(lineStartsOf(text)).toEqual(computeLineStarts(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseModule', () => {
  it('sets the line starts where TypeScript reads them from', () => {
    const text = 'const a = 1;\nconst b = 2;\n';
    const source = parseModule('a.js', text);
    expect((source as unknown as { lineMap: number[] }).lineMap).toEqual([0, 13, 26]);
    expect(source.getLineAndCharacterOfPosition(14)).toEqual({ line: 1, character: 1 });
    // A canary: if TypeScript stopped reading `lineMap`, these starts would not be used.
    (source as unknown as { lineMap: number[] }).lineMap = [0, 2];
    expect(source.getLineAndCharacterOfPosition(14)).toEqual({ line: 1, character: 12 });
  });
});
