import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The bin makes stdout's pipe blocking (src/cli/terminal/blocking-pipe.ts), so a large report read
 * through a pipe is not queued in memory. A child writes 4 MB to a piped stdout and says
 * how much Node held queued at most; without the switch it holds what was not yet read.
 */
const MODULE = path.join(__dirname, '..', 'dist', 'cli', 'terminal', 'blocking-pipe.js');

const CHUNKS = 64;
const CHUNK = 65536;

/**
 * The child writes while this side does not read yet: a queue builds only if Node keeps
 * one. Reading starts once the child has said how much it held (it wrote without waiting),
 * or 300 ms after it started writing (it waits for the reader, so it cannot say before).
 */
function mostQueued(block: boolean): Promise<{ queued: number; received: number }> {
  const child = spawn(process.execPath, [
    '-e',
    `if (${block}) require(${JSON.stringify(MODULE)}).blockOnPipe(process.stdout);
     process.stderr.write('writing\\n');
     let most = 0;
     for (let i = 0; i < ${CHUNKS}; i++) {
       process.stdout.write(String(i % 10).repeat(${CHUNK}));
       most = Math.max(most, process.stdout.writableLength);
     }
     process.stderr.write(String(most));`,
  ]);
  let received = 0;
  let stderr = '';
  child.stdout.pause();
  child.stdout.on('data', (chunk: Buffer) => (received += chunk.length));
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    if (/\n\d+$/.test(stderr)) child.stdout.resume();
    else if (text.includes('writing')) setTimeout(() => child.stdout.resume(), 300);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve({ queued: Number(stderr.split('\n').pop()), received }));
  });
}

describe('blockOnPipe', () => {
  it('makes writes to a piped stdout wait for the reader: nothing is queued, nothing is lost', async () => {
    expect(await mostQueued(true)).toEqual({ queued: 0, received: CHUNKS * CHUNK });
  });

  it('is what keeps the queue empty: without it, Node queues what the reader has not taken', async () => {
    const { queued, received } = await mostQueued(false);
    expect(received).toBe(CHUNKS * CHUNK);
    expect(queued).toBeGreaterThan((CHUNKS / 2) * CHUNK);
  });
});

/**
 * `velo-events check | head`: the reader leaves after the first bytes. The bin ends quietly
 * with 141, as a process killed by SIGPIPE does (src/cli/terminal/closed-pipe.ts).
 */
const CLOSED_PIPE = path.join(__dirname, '..', 'dist', 'cli', 'terminal', 'closed-pipe.js');

function readerLeaves(handled: boolean): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [
    '-e',
    `require(${JSON.stringify(MODULE)}).blockOnPipe(process.stdout);
     if (${handled}) require(${JSON.stringify(CLOSED_PIPE)}).exitWhenReaderLeaves(process.stdout);
     for (let i = 0; i < ${CHUNKS}; i++) process.stdout.write(String(i % 10).repeat(${CHUNK}));`,
  ]);
  let stderr = '';
  child.stdout.once('data', () => child.stdout.destroy());
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('exitWhenReaderLeaves', () => {
  it('ends the process with 141 and says nothing when the reader has gone', async () => {
    expect(await readerLeaves(true)).toEqual({ code: 141, stderr: '' });
  });

  it('is what keeps it quiet: without it, Node throws the EPIPE with its stack', async () => {
    const { code, stderr } = await readerLeaves(false);
    expect(code).toBe(1);
    expect(stderr).toContain('Error: write EPIPE');
  });
});
