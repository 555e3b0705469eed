import { fork } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { PACKAGE_ROOT } from '../base/package-layout';

/** What the runner is given: one event's handlers in run order, and how to resolve their imports. */
export interface RunnerJob {
  event: string;
  payload: unknown;
  handlers: { label: string; file: string; export: string }[];
  roots: { dir: string; srcRoot: string }[];
  stubDirs: string[];
  timeoutMs: number;
}

export interface RunnerError {
  name: string;
  message: string;
  stack: string | null;
}

export interface RunnerOutcome {
  label: string;
  status: 'ran' | 'failed' | 'timed-out';
  durationMs: number;
  error?: RunnerError;
  /** What the handler printed, in order; a stream's consecutive writes are one piece. */
  output: HandlerOutput[];
  /** Bytes printed past MAX_OUTPUT_BYTES, not kept; absent when nothing was left out. */
  omittedOutputBytes?: number;
  /** Each field of the event it read that the event does not have, once, with the stack of the first read. */
  missingReads: { path: string; stack: string | null }[];
}

export interface HandlerOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * What is kept of one handler's output: enough for any log a person reads, while a handler
 * that prints without end (20 MB in a test) costs neither the memory nor the terminal.
 */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface RunnerReply {
  /** One per handler of the job, in run order. */
  outcomes: RunnerOutcome[];
  /** What the stubs recorded, in order, including what a runner recorded before it died. */
  calls: { module: string; method: string; args: unknown[] }[];
}

/** The lines runtime/trigger-runner.mjs writes to fd 4. */
type RunnerLine =
  | { t: 'start'; i: number }
  | { t: 'end'; i: number; status: 'ran' | 'failed'; durationMs: number; error?: RunnerError }
  | { t: 'late'; i: number; error: RunnerError }
  | { t: 'call'; call: RunnerReply['calls'][number] }
  | { t: 'output'; i: number | null; stream: HandlerOutput['stream']; text: string }
  | { t: 'missing-read'; i: number; path: string; stack: string | null }
  | { t: 'exit-called'; i: number | null; code: number | null; stack: string }
  | { t: 'pong' }
  | { t: 'done' };

const RUNNER = path.join(PACKAGE_ROOT, 'runtime', 'trigger-runner.mjs');

/**
 * How long a runner past its handler's time gets to answer a ping (busy, or just waiting?).
 * An answer ends the wait at once; only a runner that does not answer waits it out, so it
 * can be generous for a loaded machine.
 */
const PING_GRACE_MS = 1000;

/**
 * Runs every handler of `job` in a child process and says how each ended. The child is
 * watched from outside: a handler that blocks the event loop or never settles is stopped
 * after `timeoutMs` (the child is killed), one that ends the process (process.exit, abort,
 * a crash) fails with the reason, and the handlers left run in a fresh child with the same
 * stubs. So the outcome of one handler never takes down the run; only a bug of ours rejects.
 */
export async function runHandlers(job: RunnerJob): Promise<RunnerReply> {
  const outcomes: (Omit<RunnerOutcome, 'output' | 'missingReads'> | undefined)[] = new Array(job.handlers.length);
  const calls: RunnerReply['calls'] = [];
  const printed = job.handlers.map(() => new PrintedOutput());
  const missingReads = job.handlers.map((): RunnerOutcome['missingReads'] => []);
  for (let from = 0; from < job.handlers.length; ) {
    from = await runFrom(job, from, outcomes, calls, { printed, missingReads });
  }
  return {
    outcomes: outcomes.map((outcome, index) => ({ ...outcome!, ...printed[index]!.kept(), missingReads: missingReads[index]! })),
    calls,
  };
}

/** One handler's output as its runner reports it, up to MAX_OUTPUT_BYTES. */
class PrintedOutput {
  private readonly pieces: HandlerOutput[] = [];
  private bytes = 0;
  private omitted = 0;

  add(stream: HandlerOutput['stream'], text: string): void {
    const size = Buffer.byteLength(text);
    if (this.bytes + size > MAX_OUTPUT_BYTES) {
      this.omitted += size;
      return;
    }
    this.bytes += size;
    const last = this.pieces.at(-1);
    if (last?.stream === stream) last.text += text;
    else this.pieces.push({ stream, text });
  }

  kept(): Pick<RunnerOutcome, 'output' | 'omittedOutputBytes'> {
    return this.omitted === 0 ? { output: this.pieces } : { output: this.pieces, omittedOutputBytes: this.omitted };
  }
}

/** One child for the handlers from `from` on; returns where the next child must start. */
function runFrom(
  job: RunnerJob,
  from: number,
  outcomes: (Omit<RunnerOutcome, 'output' | 'missingReads'> | undefined)[],
  calls: RunnerReply['calls'],
  seen: { printed: readonly PrintedOutput[]; missingReads: RunnerOutcome['missingReads'][] },
): Promise<number> {
  return new Promise((resolve, reject) => {
    // fd 4 carries the runner's report, what handlers print included; output that bypasses
    // the runner's streams (a process a handler starts) goes to our stderr, keeping stdout for
    // the report.
    // 'advanced' (structured clone): the payload's `Date`s arrive as `Date`s.
    const child = fork(RUNNER, [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc', 'pipe'], execArgv: [], serialization: 'advanced' });
    child.stdout?.pipe(process.stderr, { end: false });
    const at = (i: number): number => from + i;
    let running: { index: number; startedAt: number } | null = null;
    let lastEnded: number | null = null;
    let done = false;
    let exitCalled: { index: number | null; code: number | null; stack: string } | null = null;
    let timer: NodeJS.Timeout | null = null;
    let timedOut: { index: number; busy: boolean; durationMs: number } | null = null;
    let pending: { index: number; startedAt: number } | null = null;

    const stopTimer = (): void => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    const stop = (index: number, startedAt: number, busy: boolean): void => {
      stopTimer();
      pending = null;
      timedOut = { index, busy, durationMs: Math.round((performance.now() - startedAt) * 10) / 10 };
      child.kill('SIGKILL');
    };
    const onTimeout = (index: number, startedAt: number): void => {
      // Waiting on a promise, it still answers; a loop that never ends does not.
      pending = { index, startedAt };
      child.send({ t: 'ping' }, () => undefined);
      timer = setTimeout(() => stop(index, startedAt, true), PING_GRACE_MS);
    };

    const lines = createInterface({ input: child.stdio[4] as Readable });
    lines.on('line', (text) => {
      const line = JSON.parse(text) as RunnerLine;
      switch (line.t) {
        case 'start': {
          const startedAt = performance.now();
          running = { index: at(line.i), startedAt };
          stopTimer();
          timer = setTimeout(() => onTimeout(at(line.i), startedAt), job.timeoutMs);
          break;
        }
        case 'end':
          stopTimer();
          pending = null;
          outcomes[at(line.i)] = {
            label: job.handlers[at(line.i)]!.label,
            status: line.status,
            durationMs: line.durationMs,
            ...(line.error ? { error: line.error } : {}),
          };
          running = null;
          lastEnded = at(line.i);
          break;
        case 'late': {
          const outcome = outcomes[at(line.i)];
          if (outcome) outcomes[at(line.i)] = { ...outcome, status: 'failed', error: { ...line.error, message: `after it returned, ${line.error.message}` } };
          break;
        }
        case 'call':
          calls.push(line.call);
          break;
        case 'output':
          // Printed before any handler started (never by user code): the first one's.
          seen.printed[at(line.i ?? 0)]!.add(line.stream, line.text);
          break;
        case 'missing-read':
          seen.missingReads[at(line.i)]!.push({ path: line.path, stack: line.stack });
          break;
        case 'exit-called':
          exitCalled = { index: line.i === null ? null : at(line.i), code: line.code, stack: line.stack };
          break;
        case 'pong':
          if (pending) stop(pending.index, pending.startedAt, false);
          break;
        case 'done':
          done = true;
          break;
      }
    });

    child.once('error', reject);
    // The process's end and the report pipe's: every line written before the end is read.
    // Not 'close', which also waits for stdout, which a process the handler started may hold.
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((settle) => child.once('exit', (code, signal) => settle([code, signal])));
    const drained = new Promise<void>((settle) => lines.once('close', settle));
    void Promise.all([exited, drained]).then(([[code, signal]]) => {
      stopTimer();
      if (done) return resolve(job.handlers.length);
      const ended = running as { index: number; startedAt: number } | null;
      const stopped = timedOut as { index: number; busy: boolean; durationMs: number } | null;
      if (stopped) {
        outcomes[stopped.index] = {
          label: job.handlers[stopped.index]!.label,
          status: 'timed-out',
          durationMs: stopped.durationMs,
          error: {
            name: 'Error',
            message: stopped.busy
              ? `did not return within ${job.timeoutMs} ms: its code kept the event loop busy (a loop that never ends?)`
              : `did not settle within ${job.timeoutMs} ms`,
            stack: null,
          },
        };
        return resolve(stopped.index + 1);
      }
      const reason = endedProcess(code, signal, exitCalled);
      if (ended) {
        outcomes[ended.index] = {
          label: job.handlers[ended.index]!.label,
          status: 'failed',
          durationMs: Math.round((performance.now() - ended.startedAt) * 10) / 10,
          error: reason,
        };
        return resolve(ended.index + 1);
      }
      const blamed = lastEnded as number | null;
      if (blamed !== null) {
        // Work a handler left behind (a timer) ended the process after it returned.
        const outcome = outcomes[blamed]!;
        outcomes[blamed] = { ...outcome, status: 'failed', error: { ...reason, message: `after it returned, ${reason.message}` } };
        return resolve(blamed + 1);
      }
      // Nothing started: the runner itself could not start (our bug, or a broken Node).
      reject(new Error(`the handler runner stopped (${signal ?? `exit code ${code}`}) before running a handler`));
    });
    child.send({ t: 'job', job: { ...job, handlers: job.handlers.slice(from) } });
  });
}

/** Why a runner's process ended, in words, with the place user code asked for it when it did. */
function endedProcess(code: number | null, signal: NodeJS.Signals | null, exitCalled: { code: number | null; stack: string } | null): RunnerError {
  if (exitCalled && exitCalled.code === null) return { name: 'Error', message: 'aborted the process (process.abort())', stack: exitCalled.stack };
  if (exitCalled) return { name: 'Error', message: `ended the process with exit code ${exitCalled.code} (process.exit())`, stack: exitCalled.stack };
  if (signal) return { name: 'Error', message: `the process was killed (${signal})`, stack: null };
  return { name: 'Error', message: `ended the process with exit code ${code}`, stack: null };
}

