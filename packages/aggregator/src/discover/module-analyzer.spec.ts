import type { EarlyErrorChecker } from './early-error-checker';
import { EARLY_ERROR_THREAD_THRESHOLD, inProcessAnalyzer } from './module-analyzer';

/** Enough inputs for the early-error check to go to the checker: one redeclaration among valid files. */
function inputs(): { file: string; text: string }[] {
  return Array.from({ length: EARLY_ERROR_THREAD_THRESHOLD }, (_, i) => ({
    file: `m${i}.js`,
    text: i === 3 ? 'let a;\nlet a;\nexport function f() {}\n' : 'export function f() {}\n',
  }));
}

const parseErrorsOf = (facts: { file: string; moduleFindings: { code: string; line: number; column: number }[] }[]) =>
  facts.flatMap((f) => f.moduleFindings.map(({ code, line, column }) => ({ file: f.file, code, line, column })));

describe('inProcessAnalyzer with an early-error checker', () => {
  it("takes the checker's findings", async () => {
    const checker: EarlyErrorChecker = {
      start: () => undefined,
      check: async (batch) => batch.map(({ file }) => (file === 'm5.js' ? { code: 'parse-error', file, line: 1, column: 2, message: 'from the thread' } : null)),
      close: async () => undefined,
    };
    expect(parseErrorsOf(await inProcessAnalyzer(checker).analyze(inputs()))).toEqual([{ file: 'm5.js', code: 'parse-error', line: 1, column: 2 }]);
  });

  it('checks here when the checker thread fails, and finds the same as without one', async () => {
    const failing: EarlyErrorChecker = {
      start: () => undefined,
      check: () => Promise.reject(new Error('the early-error thread exited with code 1')),
      close: async () => undefined,
    };
    const expected = [{ file: 'm3.js', code: 'parse-error', line: 2, column: 5 }];
    expect(parseErrorsOf(await inProcessAnalyzer(failing).analyze(inputs()))).toEqual(expected);
    expect(parseErrorsOf(await inProcessAnalyzer(null).analyze(inputs()))).toEqual(expected);
  });
});
