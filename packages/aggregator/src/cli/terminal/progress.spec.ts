import { terminalProgress } from './progress';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('terminalProgress', () => {
  it('says nothing when stderr is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    const progress = terminalProgress(stream, 0);
    progress.onProgress(10);
    progress.done();
    expect(written).toEqual([]);
  });

  it('says nothing for a run shorter than the delay', () => {
    const { stream, written } = fakeStream(true);
    const progress = terminalProgress(stream, 60_000);
    progress.onProgress(10);
    progress.done();
    expect(written).toEqual([]);
  });

  it('updates one line in place once the delay has passed, and clears it at the end', () => {
    const { stream, written } = fakeStream(true);
    const progress = terminalProgress(stream, 0);
    progress.onProgress(1000);
    progress.onProgress(2001);
    progress.done();
    expect(written).toEqual([
      '\rvelo-events: 1000 files read and analyzed…',
      '\rvelo-events: 2001 files read and analyzed…',
      '\r\x1b[K',
    ]);
  });
});
