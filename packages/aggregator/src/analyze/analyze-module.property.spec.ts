import fc from 'fast-check';
import { analyzeModule } from './analyze-module';
import type { ModuleFacts } from './module-facts';

/** Fragments real events files are made of, glued in any order: valid and broken. */
const FRAGMENTS = [
  'export function wixA_onB(event) {}',
  'export async function wixA_onC(e, ctx) { await x; }',
  'export const wixA_onD = (e) => e;',
  'export const wixA_onE = make();',
  "export { f as wixA_onF } from './f.js';",
  "export * from './g';",
  "export * from '@velo/pkg';",
  "import { h } from 'backend/h';",
  'export { h as wixA_onG };',
  'export default {};',
  'module.exports.x = 1;',
  'exports.y = () => {};',
  'function f(a, b) {}',
  'const g = f;',
  '/* export function wixNo_onComment() {} */',
  "'export function wixNo_onString() {}';",
  'export {',
  '}',
  '(',
  'export const',
  '`${',
  '\uFEFF',
  '\r\n',
  '\n',
  'é漢字🙂',
];

function locations(facts: ModuleFacts): { line: number; column: number }[] {
  return [
    ...facts.exports.flatMap((e) => [e.nameAt, e.value.at]),
    ...facts.stars.map((s) => s.at),
    ...facts.sdkRegistrations.map((s) => s.at),
    ...facts.moduleFindings,
    ...facts.eventsFileFindings,
  ];
}

describe('analyzeModule never throws and only reports positions inside the file', () => {
  const check = (text: string): void => {
    const facts = analyzeModule('events.js', text);
    const lineCount = text.split(/\r\n|\r|\n|\u2028|\u2029/).length;
    for (const { line, column } of locations(facts)) {
      expect(line).toBeGreaterThanOrEqual(1);
      expect(line).toBeLessThanOrEqual(lineCount);
      expect(column).toBeGreaterThanOrEqual(1);
    }
    if (!facts.parsed) expect(facts.moduleFindings.map((f) => f.code)).toEqual(['parse-error']);
  };

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), check), { numRuns: 2000 });
  });

  it('on modules glued from real and broken fragments', () => {
    const module = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join('\n'));
    fc.assert(fc.property(module, check), { numRuns: 3000 });
  });
});
