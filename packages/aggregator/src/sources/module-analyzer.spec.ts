import type { EarlyErrorResult, ReadSource, SourceReading, SourceThread } from './source-thread';
import { SourceThreadFailure } from './source-thread';
import { SOURCE_THREAD_THRESHOLD, inProcessAnalyzer } from './module-analyzer';

/** Enough inputs for the early-error check to go to the thread: one redeclaration among valid files. */
function inputs(): { file: string; text: string }[] {
  return Array.from({ length: SOURCE_THREAD_THRESHOLD }, (_, i) => ({
    file: `m${i}.js`,
    text: i === 3 ? 'let a;\nlet a;\nexport function f() {}\n' : 'export function f() {}\n',
  }));
}

const parseErrorsOf = (facts: { file: string; moduleFindings: { code: string; line: number; column: number }[] }[]) =>
  facts.flatMap((f) => f.moduleFindings.map(({ code, line, column }) => ({ file: f.file, code, line, column })));

/** A thread that "reads" `inputs()` (m7.js unreadable there) and reports what `earlyErrors` says. */
function fakeThread(earlyErrors: () => Promise<EarlyErrorResult[]>): SourceThread {
  const texts = new Map(inputs().map(({ file, text }) => [file, text]));
  return {
    start: () => undefined,
    check: () => earlyErrors(),
    read(files): SourceReading {
      const sources: ReadSource[] = files.map(({ file }) => {
        const text = file === 'm7.js' ? null : texts.get(file)!;
        return { stamp: text === null ? null : { size: text.length, ctimeMs: 1 }, text, sha256: text === null ? null : `hash-of-${file}` };
      });
      return {
        async *chunks() {
          yield sources.slice(0, 10);
          yield sources.slice(10);
        },
        earlyErrors: earlyErrors(),
      };
    },
    close: async () => undefined,
  };
}

const fromThread = (files: readonly { file: string }[]): Promise<EarlyErrorResult[]> =>
  Promise.resolve(files.map(({ file }) => (file === 'm5.js' ? { code: 'parse-error' as const, file, line: 1, column: 2, message: 'from the thread' } : null)));

describe('inProcessAnalyzer with a source thread', () => {
  it("takes the thread's early errors for texts read here", async () => {
    const analyzer = inProcessAnalyzer(fakeThread(() => fromThread(inputs())));
    expect(parseErrorsOf(await analyzer.analyze(inputs()))).toEqual([{ file: 'm5.js', code: 'parse-error', line: 1, column: 2 }]);
  });

  it('checks here when the thread fails, and finds the same as without one', async () => {
    const failing = fakeThread(() => Promise.reject(new SourceThreadFailure('the source thread exited with code 1')));
    const expected = [{ file: 'm3.js', code: 'parse-error', line: 2, column: 5 }];
    expect(parseErrorsOf(await inProcessAnalyzer(failing).analyze(inputs()))).toEqual(expected);
    expect(parseErrorsOf(await inProcessAnalyzer(null).analyze(inputs()))).toEqual(expected);
  });

  it('reads there: facts in input order with the stamps and hashes read, files not read there left to the caller', async () => {
    const files = inputs().map(({ file }) => ({ file, absPath: `/ws/${file}` }));
    const results = await inProcessAnalyzer(fakeThread(() => fromThread(files))).readAndAnalyze(files);
    expect(results).not.toBeNull();
    expect(results!.map((r) => (r.read ? r.facts.file : null))).toEqual(files.map(({ file }) => (file === 'm7.js' ? null : file)));
    expect(results![0]).toEqual({
      read: true,
      stamp: { size: 23, ctimeMs: 1 },
      sha256: 'hash-of-m0.js',
      facts: expect.objectContaining({ file: 'm0.js', parsed: true, exports: [expect.objectContaining({ name: 'f' })] }),
    });
    expect(parseErrorsOf(results!.flatMap((r) => (r.read ? [r.facts] : [])))).toEqual([{ file: 'm5.js', code: 'parse-error', line: 1, column: 2 }]);
  });

  it('leaves the whole batch to the caller when the thread fails, or when there is none or too few files', async () => {
    const files = inputs().map(({ file }) => ({ file, absPath: `/ws/${file}` }));
    const failing = fakeThread(() => Promise.reject(new SourceThreadFailure('the source thread exited with code 1')));
    expect(await inProcessAnalyzer(failing).readAndAnalyze(files)).toBeNull();
    expect(await inProcessAnalyzer(null).readAndAnalyze(files)).toBeNull();
    expect(await inProcessAnalyzer(fakeThread(() => fromThread(files))).readAndAnalyze(files.slice(1))).toBeNull();
  });

  it('does not take a bug for a failed thread', async () => {
    const files = inputs().map(({ file }) => ({ file, absPath: `/ws/${file}` }));
    const buggy = fakeThread(() => Promise.reject(new TypeError('a bug')));
    await expect(inProcessAnalyzer(buggy).readAndAnalyze(files)).rejects.toThrow('a bug');
  });
});
