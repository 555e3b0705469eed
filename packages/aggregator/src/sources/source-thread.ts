import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { debuglog } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { SourceInput } from '../model';
import type { CheckRequest, EarlyErrorResult, ReadRequest, ReadSource, SourceThreadReply } from './source-worker';
import { CODE_ROOT } from '../base/package-layout';

export type { EarlyErrorResult, ReadSource } from './source-worker';

/**
 * A second thread that reads source files and judges whether each is a valid ES module
 * (`source-worker.ts`: V8 compiles it, acorn words what V8 rejects), while the main thread
 * loads TypeScript and parses.
 */
export interface SourceThread {
  /** Starts the thread ahead of the first batch. */
  start(): void;
  /** Reads these files there; then checks the ones it read. */
  read(files: readonly SourceFile[]): SourceReading;
  /** Checks texts the main thread has; one result per input, in input order. */
  check(inputs: readonly SourceInput[]): Promise<EarlyErrorResult[]>;
  close(): Promise<void>;
}

export interface SourceFile {
  /** Workspace-relative POSIX path, as findings name it. */
  file: string;
  absPath: string;
}

export interface SourceReading {
  /** The files' sources in input order, a chunk at a time as they are read. */
  chunks(): AsyncIterable<ReadSource[]>;
  /** One result per file, in input order; null for a file not read. */
  earlyErrors: Promise<EarlyErrorResult[]>;
}

/**
 * The main thread of a check spends most of its time loading and running TypeScript's
 * parser; reading every file and judging it took another ~50 % on top (with acorn as the
 * judge, when these were measured; V8 judges ~5× faster). On a
 * second core they run at the same time, though on our 2-vCPU machines two busy threads each
 * run ~1.5× slower: `check --no-cache` of 20,002 files took 6.7 s against 8.0–8.9 s in one
 * thread, of 2,002 files 1.80 s against 1.87 s (medians of 6).
 *
 * The worker's stack is sized like the main thread's (V8's 984 KB limit plus the 192 KB
 * Node keeps in reserve in a worker), so a file nested deeply enough to run acorn out of
 * stack does so on either thread alike.
 */
const STACK_SIZE_MB = 1.17;

/**
 * The worker's young generation: it allocates file texts that live one chunk, so a small one
 * is collected often and cheaply (Node's default lets it grow to 48 MB). At 10,000 packages,
 * 4 MB took ~9 MB off the peak RSS (medians of 4 runs) at no cost in time.
 */
const YOUNG_GENERATION_MB = 4;

/** What lets the worker ask V8 to compile a module (`vm.SourceTextModule`). */
const V8_JUDGE_FLAGS = ['--experimental-vm-modules'];

/**
 * Node 20's `vm.SourceTextModule` keeps every module it compiled for as long as its
 * isolate lives, garbage collection or not (nodejs/node#33439, #59118): ~7 KB per file of
 * `npm run bench`. So a worker judges at most this many files and is then terminated,
 * which frees its isolate, and the next one (started while it works) takes over.
 */
export const FILES_PER_WORKER = Number(process.env['VELO_EVENTS_FILES_PER_SOURCE_WORKER']) || 3000;

const debug = debuglog('velo-events');

/** The thread failed (out of memory, killed, exited): its work is to be done on the main thread. */
export class SourceThreadFailure extends Error {}

interface Pending {
  onSources(sources: ReadSource[]): void;
  onEarlyErrors(results: EarlyErrorResult[]): void;
  onFailure(error: unknown): void;
}

/** One worker and what it still owes. */
interface Line {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Files sent to it so far. */
  files: number;
  /** Sent its last request: terminated once that is answered. */
  retiring: boolean;
}

/** null when there is no compiled worker script (under ts-jest only sources exist). */
export function workerSourceThread(): SourceThread | null {
  const script = path.join(CODE_ROOT, 'sources', 'source-worker.js');
  if (!existsSync(script)) return null;
  let current: Line | null = null;
  /** Started ahead, while `current` works, to take over when it retires. */
  let spare: Line | null = null;
  let v8Refused = false;
  let nextId = 0;
  /** One request at a time across the workers: two judging at once would only share the CPUs. */
  let turn: Promise<unknown> = Promise.resolve();

  const resourceLimits = { stackSizeMb: STACK_SIZE_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const startWorker = (): Worker => {
    if (!v8Refused) {
      try {
        return new Worker(script, { resourceLimits, execArgv: V8_JUDGE_FLAGS });
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
        v8Refused = true;
        debug('this Node refuses %s in a worker: acorn alone judges module validity', V8_JUDGE_FLAGS.join(' '));
      }
    }
    return new Worker(script, { resourceLimits });
  };

  const spawn = (): Line => {
    const line: Line = { worker: startWorker(), pending: new Map(), files: 0, retiring: false };
    line.worker.on('message', (reply: SourceThreadReply) => {
      const waiting = line.pending.get(reply.id);
      if (!waiting) return;
      if (reply.kind === 'sources') {
        waiting.onSources(reply.sources);
        return;
      }
      line.pending.delete(reply.id);
      waiting.onEarlyErrors(reply.results);
      if (line.retiring && line.pending.size === 0) void line.worker.terminate();
    });
    const fail = (cause: unknown): void => {
      if (current === line) current = null;
      if (spare === line) spare = null;
      const error = new SourceThreadFailure('the source thread failed', { cause });
      for (const waiting of line.pending.values()) waiting.onFailure(error);
      line.pending.clear();
    };
    line.worker.on('error', fail);
    // A worker is terminated on purpose only once retired and owing nothing; any other exit
    // fails what it still owes, so no caller waits for an answer that cannot come.
    line.worker.on('exit', (code) => {
      if (!line.retiring || line.pending.size > 0) fail(new Error(`the source thread exited with code ${code}`));
    });
    return line;
  };

  const retire = (line: Line): void => {
    line.retiring = true;
    if (line.pending.size === 0) void line.worker.terminate();
  };

  /** The worker for the next `count` files: the current one while it has room. */
  const lineFor = (count: number): Line => {
    if (current && current.files > 0 && current.files + count > FILES_PER_WORKER) {
      retire(current);
      current = null;
    }
    if (!current) {
      current = spare ?? spawn();
      spare = null;
    }
    current.files += count;
    return current;
  };

  /** Room left on the current worker; a fresh one's when it is full or there is none. */
  const room = (): number => {
    const left = current ? FILES_PER_WORKER - current.files : 0;
    return left > 0 ? left : FILES_PER_WORKER;
  };

  /** Sends one request once the previous one is answered; `more` starts the next worker ahead. */
  const send = (count: number, request: (id: number) => ReadRequest | CheckRequest, onSources: Pending['onSources'], more: boolean) => {
    const answered = turn.then(
      () =>
        new Promise<EarlyErrorResult[]>((resolve, reject) => {
          const line = lineFor(count);
          if (more) spare ??= spawn();
          const id = nextId++;
          line.pending.set(id, { onSources, onEarlyErrors: resolve, onFailure: reject });
          line.worker.postMessage(request(id));
        }),
    );
    turn = answered.catch(() => undefined);
    return answered;
  };

  /** Splits `items` to fill the current worker, then whole workers; one request per slice, in order. */
  const inSlices = async <T>(
    items: readonly T[],
    request: (id: number, slice: readonly T[]) => ReadRequest | CheckRequest,
    onSources: Pending['onSources'] = () => undefined,
  ): Promise<EarlyErrorResult[]> => {
    const results: EarlyErrorResult[] = [];
    for (let start = 0; start < items.length; ) {
      const slice = items.slice(start, start + room());
      start += slice.length;
      results.push(...(await send(slice.length, (id) => request(id, slice), onSources, start < items.length)));
    }
    return results;
  };

  return {
    start() {
      current ??= spawn();
    },
    read(files) {
      const chunks = new ChunkQueue<ReadSource[]>();
      const earlyErrors = inSlices(
        files,
        (id, slice) => ({ id, kind: 'read', files: slice.map((f) => f.file), absPaths: slice.map((f) => f.absPath) }),
        (sources) => chunks.push(sources),
      );
      earlyErrors.then(
        () => chunks.end(),
        (error: unknown) => chunks.fail(error),
      );
      return { chunks: () => chunks.drain(files.length, (chunk) => chunk.length), earlyErrors };
    },
    check(inputs) {
      return inSlices(inputs, (id, slice) => ({ id, kind: 'check', inputs: slice }));
    },
    async close() {
      const lines = [current, spare].filter((line): line is Line => line !== null);
      current = spare = null;
      for (const line of lines) line.retiring = true;
      await Promise.all(lines.map((line) => line.worker.terminate()));
    },
  };
}
/** Messages from the thread, handed out in order to one consumer that awaits them. */
class ChunkQueue<T> {
  private readonly items: T[] = [];
  private waiter: (() => void) | null = null;
  private failure: { error: unknown } | null = null;
  private ended = false;

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.wake();
  }

  /** Yields items until `expected` units (as `size` counts them) have come. */
  async *drain(expected: number, size: (item: T) => number): AsyncGenerator<T> {
    let received = 0;
    while (received < expected) {
      if (this.failure) throw this.failure.error;
      const item = this.items.shift();
      if (item !== undefined) {
        received += size(item);
        yield item;
        continue;
      }
      if (this.ended) throw new SourceThreadFailure(`the source thread sent ${received} of ${expected} files`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}
