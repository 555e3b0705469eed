import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeModuleSyntax, earlyErrorOf, settleModule } from './analyze-module';
import { prescanText } from './text-prescan';
import { blank, outlineFrom, outlineOf, outlineRanges } from './outline';

/** What the outline blanks, shown as the text between the markers. */
function blanked(text: string): string[] | null {
  const outline = outlineOf(text);
  if (!outline) return null;
  const inside: string[] = [];
  for (let r = 0; r < outline.ranges.length; r += 2) inside.push(text.slice(outline.ranges[r], outline.ranges[r + 1]));
  return inside;
}

/**
 * The facts with the outline and with the whole text parsed, settled as a check settles them;
 * the outline's facts are the same whether this thread scans for it or is given the prescan
 * the source thread made.
 */
function bothWays(text: string): [unknown, unknown] {
  const early = earlyErrorOf('events.js', text);
  const settle = (options: Parameters<typeof analyzeModuleSyntax>[2]) => {
    const syntax = analyzeModuleSyntax('events.js', text, options);
    return settleModule(syntax, syntax.awaitsEarlyErrors ? early : null, text);
  };
  const outlined = settle({ outline: true });
  expect(settle({ prescan: prescanText(text) })).toEqual(outlined);
  return [outlined, settle({ outline: false })];
}

describe('outlineOf', () => {
  it('blanks function bodies, blocks after `)` and arrow bodies, keeping every line break and position', () => {
    const text = 'export function a(e) {\r\n  return 1;\n}\nexport const b = (e) => { x(); };\nif (c) { d(); }\nconst o = { m(e) { y(); }, k: 1 };\n';
    const outline = outlineOf(text)!;
    expect(blanked(text)).toEqual(['\r\n  return 1;\n', ' x(); ', ' d(); ', ' y(); ']);
    expect(outline.text).toBe('export function a(e) {\r\n           \n}\nexport const b = (e) => {      };\nif (c) {      }\nconst o = { m(e) {      }, k: 1 };\n');
    expect(outline.text.length).toBe(text.length);
  });

  it('reads braces in strings, comments, templates and regular expressions as a parser does', () => {
    expect(blanked("function f() { return '}' + \"{\" + `}${ { a: '}' }.a }{` + /[}/]{2}/.source; } // }\n/* { */")).toEqual([
      " return '}' + \"{\" + `}${ { a: '}' }.a }{` + /[}/]{2}/.source; ",
    ]);
    // After `)` of if/while/for/with a statement follows: `/…/` is a regular expression.
    expect(blanked('function f(s) { if (s) /}/.test(s); for (;;) /{/.exec(s); }')).toEqual([' if (s) /}/.test(s); for (;;) /{/.exec(s); ']);
    // After `)` of an expression it divides, as after names, numbers and `]`.
    expect(blanked('function f(a) { return (a) / 2 / a[0] / 3; }')).toEqual([' return (a) / 2 / a[0] / 3; ']);
    // Keywords that take an expression, and keywords used as property names.
    expect(blanked('function f(x) { return /}/.test(x.return / 2); }')).toEqual([' return /}/.test(x.return / 2); ']);
    expect(blanked('export default /{/;\nfunction g() { typeof /}/; }')).toEqual([' typeof /}/; ']);
    expect(blanked('async function f(s) { for await (const x of s) /}/.test(x); }')).toEqual([' for await (const x of s) /}/.test(x); ']);
    expect(blanked('class A extends (B) { m() {} }\nswitch (k) { case 1: break; }')).toEqual([' m() {} ', ' case 1: break; ']);
  });

  it('is made of the ranges outlineRanges finds, which is what the source thread sends', () => {
    const text = 'export function a(e) {\n  return 1;\n}\nconst o = { m(e) { y(); }, k: 1 };\n';
    expect(outlineRanges(text)).toEqual([22, 35, 55, 61]);
    expect(outlineFrom(text, outlineRanges(text)!)).toEqual(outlineOf(text));
    expect(outlineFrom('const a = 1;', [])).toEqual({ text: 'const a = 1;', ranges: [] });
    expect(outlineRanges('function f() {')).toBeNull();
  });

  it('gives up where tokens need the parser: `/` after `}`, `++`, `of`; non-ASCII or escaped names; unbalanced text', () => {
    expect(outlineOf('function f() {}\n/}/.test(s);')).toBeNull();
    expect(outlineOf('function f(a) { return a++ / 2; }')).toBeNull();
    expect(outlineOf('function f(of) { return of / 2; }')).toBeNull();
    expect(outlineOf('function f() { const é = 1; }')).toBeNull();
    expect(outlineOf('function f() { const \\u0061 = 1; }')).toBeNull();
    expect(outlineOf('function f() {')).toBeNull();
    expect(outlineOf("function f() { return '}\n'; }")).toBeNull();
    // Non-ASCII inside strings, comments and templates is fine.
    expect(blanked("function f() { return 'é' + `漢字` /* 🙂 */; }")).toEqual([" return 'é' + `漢字` /* 🙂 */; "]);
  });
});

describe('blank', () => {
  /** The definition: each character of a range but a line terminator becomes a space. */
  const byCharacter = (text: string, ranges: readonly number[]): string =>
    [...text]
      .map((c, i) => {
        const inside = ranges.some((_, r) => r % 2 === 0 && i >= ranges[r]! && i < ranges[r + 1]!);
        return inside && !/[\n\r\u2028\u2029]/.test(c) ? ' ' : c;
      })
      .join('');

  it('keeps every line break, whichever kind, and blanks the rest of each range', () => {
    expect(blank('ab\ncd\nef', [1, 7])).toBe('a \n  \n f');
    expect(blank('ab\r\ncd\u2028ef', [1, 8])).toBe('a \r\n  \u2028 f');
    expect(blank('x'.repeat(3000), [1, 2999])).toBe(`x${' '.repeat(2998)}x`);
  });

  it('on any text and ranges', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '\n', '\n\n', '\r', '\r\n', '\u2028', '\u2029', 'xxxxxxxxxxxxxxxx');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, cuts) => {
        const text = pieces.join('');
        const ranges = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
        if (ranges.length % 2 === 1) ranges.pop();
        expect(blank(text, ranges)).toBe(byCharacter(text, ranges));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the outline gives the facts the whole text gives', () => {
  const FRAGMENTS = [
    'export function wixA_onB(event) { return /}/.test(event); }',
    'export async function wixA_onC(e, ctx) { await x; if (e) { return `${e}}`; } }',
    'export const wixA_onD = (e) => { return { e }; };',
    'export const wixA_onE = make(function () { return 1; });',
    'export const wixA_onF = async function (e) { for (const k of e) {} };',
    "export { f as wixA_onG } from './f.js';",
    'function f(a, b) { switch (a) { case 1: return b; default: return /{/; } }',
    'const g = f;',
    'export { g as wixA_onH };',
    'export const o = { wixA_onI(e) { return e; }, wixA_onJ: (e) => { e(); } };',
    'export class K extends (Object) { m() { return 1; } }',
    'products.onProductCreated((e) => { log(e); });',
    "import { products } from '@wix/stores';",
    'let total = 1; let total = 2;',
    'function h() { let a; let a; }',
    'function b() { return 1 +; }',
    'export const c = (a) / 2;',
    'if (x) /}/.test(y);',
    'export default { wixA_onL() {} };',
    '}',
    '{',
    '`${',
    '\n',
    '// }\n',
  ];

  it('on modules glued from valid and broken fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }), fc.constantFrom('\n', ' ', '\r\n'), (parts, glue) => {
        const [outlined, whole] = bothWays(parts.join(glue));
        expect(outlined).toEqual(whole);
      }),
      { numRuns: 1500 },
    );
  });

  it('on every .js file of the test fixtures', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.js')) files.push(full);
      }
    };
    walk(path.join(__dirname, '..', '..', 'test', 'fixtures'));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const [outlined, whole] = bothWays(readFileSync(file, 'utf8'));
      expect({ file, facts: outlined }).toEqual({ file, facts: whole });
    }
  });
});
