import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceInput } from '../model';
import type { CheckRequest, EarlyErrorResult, ReadRequest, ReadSource, SourceThreadReply } from './source-worker';

export type { EarlyErrorResult, ReadSource } from './source-worker';

/**
 * A second thread that reads source files and runs acorn's early-error check on them
 * (`source-worker.ts`), while the main thread loads TypeScript and parses.
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
 * parser; reading every file and acorn's second parse of it take another ~50 % on top. On a
 * second core they run at the same time, though on our 2-vCPU machines two busy threads each
 * run ~1.5× slower: `check --no-cache` of 20,002 files took 6.7 s against 8.0–8.9 s in one
 * thread, of 2,002 files 1.80 s against 1.87 s (medians of 6).
 *
 * The worker's stack is sized like the main thread's (V8's 984 KB limit plus the 192 KB
 * Node keeps in reserve in a worker), so a file nested deeply enough to run acorn out of
 * stack does so on either thread alike.
 */
const STACK_SIZE_MB = 1.17;

/** The thread failed (out of memory, killed, exited): its work is to be done on the main thread. */
export class SourceThreadFailure extends Error {}

interface Pending {
  onSources(sources: ReadSource[]): void;
  onEarlyErrors(results: EarlyErrorResult[]): void;
  onFailure(error: unknown): void;
}

/** null when there is no compiled worker script (under ts-jest only sources exist). */
export function workerSourceThread(): SourceThread | null {
  const script = path.join(__dirname, 'source-worker.js');
  if (!existsSync(script)) return null;
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const start = (): Worker => {
    const started = new Worker(script, { resourceLimits: { stackSizeMb: STACK_SIZE_MB } });
    started.on('message', (reply: SourceThreadReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      if (reply.kind === 'sources') {
        waiting.onSources(reply.sources);
      } else {
        pending.delete(reply.id);
        waiting.onEarlyErrors(reply.results);
      }
    });
    const fail = (cause: unknown): void => {
      const error = new SourceThreadFailure('the source thread failed', { cause });
      for (const waiting of pending.values()) waiting.onFailure(error);
      pending.clear();
      worker = null;
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the source thread exited with code ${code}`)));
    return started;
  };

  const send = (id: number, request: ReadRequest | CheckRequest, waiting: Pending): void => {
    worker ??= start();
    pending.set(id, waiting);
    worker.postMessage(request);
  };

  return {
    start() {
      worker ??= start();
    },
    read(files) {
      const id = nextId++;
      const chunks = new ChunkQueue<ReadSource[]>();
      let settle!: { resolve: (results: EarlyErrorResult[]) => void; reject: (error: unknown) => void };
      const earlyErrors = new Promise<EarlyErrorResult[]>((resolve, reject) => (settle = { resolve, reject }));
      // Awaited only after every chunk; a failure is seen by whichever is awaited first.
      earlyErrors.catch(() => undefined);
      send(
        id,
        { id, kind: 'read', files: files.map((f) => f.file), absPaths: files.map((f) => f.absPath) },
        {
          onSources: (sources) => chunks.push(sources),
          onEarlyErrors: (results) => {
            chunks.end();
            settle.resolve(results);
          },
          onFailure: (error) => {
            chunks.fail(error);
            settle.reject(error);
          },
        },
      );
      return { chunks: () => chunks.drain(files.length, (chunk) => chunk.length), earlyErrors };
    },
    check(inputs) {
      const id = nextId++;
      return new Promise<EarlyErrorResult[]>((resolve, reject) =>
        send(id, { id, kind: 'check', inputs }, { onSources: () => undefined, onEarlyErrors: resolve, onFailure: reject }),
      );
    },
    async close() {
      if (worker) await worker.terminate();
      worker = null;
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
