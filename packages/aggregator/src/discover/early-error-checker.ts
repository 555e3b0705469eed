import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EarlyErrorResult } from '../analyze/early-error-worker';
import type { SourceInput } from './module-analyzer';

/** Runs the ES-module early-error check (acorn) of a batch of texts on another thread. */
export interface EarlyErrorChecker {
  /** Starts the thread ahead of the first batch. */
  start(): void;
  /** Posts the batch now; one result per input, in input order. */
  check(inputs: readonly SourceInput[]): Promise<EarlyErrorResult[]>;
  close(): Promise<void>;
}

/**
 * The main thread of a check spends most of its time loading and running TypeScript's
 * parser; acorn's second parse of every file took another ~40 % on top. On a second core it
 * runs at the same time and costs no wall time: `npm run bench`, 2,002 files, 2 cores.
 *
 * The worker's stack is sized like the main thread's (V8's 984 KB limit plus the 192 KB
 * Node keeps in reserve in a worker), so a file nested deeply enough to run acorn out of
 * stack does so on either thread alike.
 */
const STACK_SIZE_MB = 1.17;

/** null when there is no compiled worker script (under ts-jest only sources exist). */
export function workerEarlyErrorChecker(): EarlyErrorChecker | null {
  const script = path.join(__dirname, '..', 'analyze', 'early-error-worker.js');
  if (!existsSync(script)) return null;
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (results: EarlyErrorResult[]) => void; reject: (error: unknown) => void }>();

  const start = (): Worker => {
    const started = new Worker(script, { resourceLimits: { stackSizeMb: STACK_SIZE_MB } });
    started.on('message', ({ id, results }: { id: number; results: EarlyErrorResult[] }) => {
      pending.get(id)?.resolve(results);
      pending.delete(id);
    });
    const fail = (error: unknown): void => {
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
      worker = null;
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the early-error thread exited with code ${code}`)));
    return started;
  };

  return {
    start() {
      worker ??= start();
    },
    check(inputs) {
      worker ??= start();
      const id = nextId++;
      const done = new Promise<EarlyErrorResult[]>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, inputs });
      return done;
    },
    async close() {
      if (worker) await worker.terminate();
      worker = null;
    },
  };
}
