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
  close(): Promise<void>;
}

/**
 * Below this many files to analyze, starting workers (each loads the TypeScript parser,
 * ~0.4 s of CPU) costs more than it saves; measured with `npm run bench` on 2 cores.
 */
export const WORKER_THRESHOLD = 400;

/** The analyzer is loaded on first use: a fully cached run never loads a parser. */
export function inProcessAnalyzer(): ModuleAnalyzer {
  return {
    async analyze(inputs) {
      if (inputs.length === 0) return [];
      const { analyzeModule } = await import('../analyze/analyze-module');
      return inputs.map(({ file, text }) => analyzeModule(file, text));
    },
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

  return {
    async analyze(inputs) {
      if (script === null || threads < 2 || inputs.length < WORKER_THRESHOLD) return local.analyze(inputs);
      pool ??= Array.from({ length: threads }, () => new Worker(script));
      const chunkSize = Math.ceil(inputs.length / pool.length);
      const chunks = pool.map((worker, index) => runOn(worker, inputs.slice(index * chunkSize, (index + 1) * chunkSize)));
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
