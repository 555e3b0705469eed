import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ModuleFacts } from '../analyze/module-facts';

export interface SourceInput {
  file: string;
  text: string;
}

/** Turns module texts into facts, in input order; in this thread or across worker threads. */
export interface ModuleAnalyzer {
  analyze(inputs: readonly SourceInput[]): Promise<ModuleFacts[]>;
  /**
   * Starts the workers now when `expected` files will need analysis: each spends ~0.5 s
   * loading the parser, which then overlaps with the main thread's discovery and reading.
   */
  prewarm(expected: number): void;
  close(): Promise<void>;
}

/**
 * Below this many files to analyze, worker threads cost more than they save: each loads
 * and JIT-warms the TypeScript parser on its own (~0.5 s, ~90 MB) and every text and
 * result is copied across threads. Measured on 2 cores (`npm run bench` workspaces,
 * `check --no-cache`): 2,002 files — in-process 2.1 s / 185 MB, 2 workers 3.0 s / 298 MB;
 * 10,002 files — in-process 8.4 s / 305 MB, 2 workers 7.2 s / 435 MB. The lines cross
 * near 5,000 files.
 */
export const DEFAULT_WORKER_THRESHOLD = 5000;

/** `VELO_EVENTS_WORKER_THRESHOLD` moves it (tuning, and the determinism tests). */
export const WORKER_THRESHOLD = Number(process.env['VELO_EVENTS_WORKER_THRESHOLD']) || DEFAULT_WORKER_THRESHOLD;

/** The analyzer is loaded on first use: a fully cached run never loads a parser. */
export function inProcessAnalyzer(): ModuleAnalyzer {
  return {
    async analyze(inputs) {
      if (inputs.length === 0) return [];
      const { analyzeModule } = await import('../analyze/analyze-module');
      return inputs.map(({ file, text }) => analyzeModule(file, text));
    },
    prewarm() {},
    async close() {},
  };
}

/**
 * Uses worker threads when a batch is large enough and the compiled worker exists (under
 * ts-jest only sources exist: then everything runs in this thread). Output order and
 * content never depend on scheduling: each chunk's results go back to its own slots.
 */
export function adaptiveAnalyzer(threads = Math.min(availableParallelism(), 4)): ModuleAnalyzer {
  const local = inProcessAnalyzer();
  const script = workerScript();
  let pool: Worker[] | null = null;
  let nextId = 0;

  const runOn = (worker: Worker, inputs: SourceInput[]): Promise<ModuleFacts[]> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (message: { id: number; facts: ModuleFacts[] }): void => {
        if (message.id !== id) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(message.facts);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.postMessage({ id, inputs });
    });

  const usesWorkers = (count: number): boolean => script !== null && threads >= 2 && count >= WORKER_THRESHOLD;
  const startPool = (): Worker[] => (pool ??= Array.from({ length: threads }, () => new Worker(script!)));
  return {
    prewarm(expected) {
      if (usesWorkers(expected)) startPool();
    },
    async analyze(inputs) {
      // Once the pool runs (prewarmed), even a small batch goes to it: the parser is loaded there.
      if (pool === null && !usesWorkers(inputs.length)) return local.analyze(inputs);
      if (inputs.length === 0) return [];
      startPool();
      const workers = pool!;
      const chunkSize = Math.ceil(inputs.length / workers.length);
      const chunks = workers.map((worker, index) => runOn(worker, inputs.slice(index * chunkSize, (index + 1) * chunkSize)));
      return (await Promise.all(chunks)).flat();
    },
    async close() {
      if (pool) await Promise.all(pool.map((worker) => worker.terminate()));
      pool = null;
    },
  };
}

function workerScript(): string | null {
  const compiled = path.join(__dirname, '..', 'analyze', 'analyze-worker.js');
  return existsSync(compiled) ? compiled : null;
}
