import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SyntaxAnalysis } from '../analyze/analyze-module';
import type { ModuleFacts } from '../analyze/module-facts';
import { preloadTypeScript } from '../cache/preload-typescript';
import type { FileStamp, SourceInput } from '../model';
import { keepsTextForLateReads } from './late-event-reads';
import { SourceThreadFailure, workerSourceThread, type SourceFile, type SourceThread } from './source-thread';
import { CODE_ROOT } from '../base/package-layout';

/** A file read and analyzed by `readAndAnalyze`; `read: false` when it could not be read there. */
export type ReadAnalysis =
  | { read: true; stamp: FileStamp | null; sha256: string; facts: ModuleFacts; text?: string }
  | { read: false };

/** Turns module texts into facts, in input order; in this thread or across worker threads. */
export interface ModuleAnalyzer {
  analyze(inputs: readonly SourceInput[]): Promise<ModuleFacts[]>;
  /**
   * Has the source thread read the files while TypeScript loads here, then analyzes them;
   * in input order. null when there is no such thread or too few files to pay for it: then
   * the caller reads them and calls `analyze`.
   */
  readAndAnalyze(files: readonly SourceFile[]): Promise<ReadAnalysis[] | null>;
  /**
   * Starts the workers now when `expected` files will need analysis: each spends ~0.5 s
   * loading the parser, which then overlaps with the main thread's discovery and reading.
   */
  prewarm(expected: number): void;
  close(): Promise<void>;
}

/**
 * Below this many files to analyze, worker threads cost more than they save: each loads
 * and JIT-warms the TypeScript parser on its own (~0.3 s, ~90 MB) and every text and
 * result is copied across threads. Measured on 2 cores before the early-error check had a
 * thread of its own: 2,002 files — in-process 2.1 s / 185 MB, 2 workers 3.0 s / 298 MB;
 * 10,002 files — in-process 8.4 s / 305 MB, 2 workers 7.2 s / 435 MB.
 */
export const DEFAULT_WORKER_THRESHOLD = 5000;

/**
 * With two CPUs, TypeScript here and the source thread (reading, acorn) already keep both
 * busy: at 20,002 files (`npm run bench --packages 10000`, `check --no-cache`, medians of
 * 3) TypeScript here and acorn there took 8.8 s against 9.8 s for two workers doing both,
 * measured before that thread also read the files. So workers need more CPUs.
 */
export const MIN_CPUS_FOR_WORKERS = 3;

/** `VELO_EVENTS_WORKER_THRESHOLD` moves it (tuning, and the determinism tests). */
export const WORKER_THRESHOLD = Number(process.env['VELO_EVENTS_WORKER_THRESHOLD']) || DEFAULT_WORKER_THRESHOLD;

/**
 * Below this many files in a batch, starting a thread to read them and check their early
 * errors costs more than doing it here (one small file takes acorn well under a millisecond).
 */
export const SOURCE_THREAD_THRESHOLD = 64;

/**
 * Analyzes in this thread; with a `sourceThread`, large batches are read and have their
 * early-error check done there meanwhile. The analyzer is loaded on first use: a fully
 * cached run never loads a parser.
 */
export function inProcessAnalyzer(sourceThread: SourceThread | null = null): ModuleAnalyzer {
  const loadAnalyzer = async (): Promise<typeof import('../analyze/analyze-module')> => {
    preloadTypeScript();
    return import('../analyze/analyze-module');
  };
  return {
    async analyze(inputs) {
      if (inputs.length === 0) return [];
      // Posted before TypeScript is loaded: the other thread starts on it at once.
      const offThread = sourceThread && inputs.length >= SOURCE_THREAD_THRESHOLD ? sourceThread.check(inputs) : null;
      const { analyzeModuleSyntax, earlyErrorOf, settleModule } = await loadAnalyzer();
      const syntax = inputs.map(({ file, text }) => analyzeModuleSyntax(file, text));
      // A thread that failed (out of memory, killed) leaves the check to this one.
      const checked = offThread ? await offThread.catch(() => null) : null;
      return syntax.map((analysis, index) => {
        if (!analysis.awaitsEarlyErrors) return analysis.facts;
        const { file, text } = inputs[index]!;
        const result = checked?.[index];
        return settleModule(analysis, result === undefined || result === 'failed' ? earlyErrorOf(file, text) : result, text);
      });
    },
    async readAndAnalyze(files) {
      if (!sourceThread || files.length < SOURCE_THREAD_THRESHOLD) return null;
      // Posted first: the thread reads while TypeScript loads here.
      const reading = sourceThread.read(files);
      const { analyzeModuleSyntax, settleWithoutText } = await loadAnalyzer();
      const parsed: ({ stamp: FileStamp | null; sha256: string; syntax: SyntaxAnalysis; text?: string } | null)[] = [];
      try {
        for await (const chunk of reading.chunks()) {
          for (const { stamp, text, sha256, prescan } of chunk) {
            if (text === null || sha256 === null) {
              parsed.push(null);
              continue;
            }
            const syntax = analyzeModuleSyntax(files[parsed.length]!.file, text, { prescan });
            // The text is dropped once parsed, unless a function in it may be read later.
            parsed.push(keepsTextForLateReads(syntax.facts) ? { stamp, sha256, syntax, text } : { stamp, sha256, syntax });
          }
        }
        const checked = await reading.earlyErrors;
        return parsed.map((entry, index): ReadAnalysis => {
          const result = checked[index];
          // Not read there, or acorn threw there (out of stack, a bug): read again here.
          if (entry === null || result === 'failed' || result === undefined) return { read: false };
          // null: acorn found an error in an outlined file, and settling it needs the text.
          const facts = settleWithoutText(entry.syntax, result);
          if (!facts) return { read: false };
          return entry.text === undefined
            ? { read: true, stamp: entry.stamp, sha256: entry.sha256, facts }
            : { read: true, stamp: entry.stamp, sha256: entry.sha256, facts, text: entry.text };
        });
      } catch (error) {
        // A thread that failed (out of memory, killed) leaves the whole batch to this one.
        if (error instanceof SourceThreadFailure) return null;
        throw error;
      }
    },
    prewarm(expected) {
      // Loading acorn there overlaps with discovery here.
      if (expected >= SOURCE_THREAD_THRESHOLD) sourceThread?.start();
    },
    async close() {
      await sourceThread?.close();
    },
  };
}

/**
 * Uses worker threads when a batch is large enough and the compiled worker exists (under
 * ts-jest only sources exist: then everything runs in this thread). Output order and
 * content never depend on scheduling: each chunk's results go back to its own slots.
 */
export function adaptiveAnalyzer(threads = Math.min(availableParallelism(), 4)): ModuleAnalyzer {
  const local = inProcessAnalyzer(threads >= 2 ? workerSourceThread() : null);
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

  const usesWorkers = (count: number): boolean => script !== null && threads >= MIN_CPUS_FOR_WORKERS && count >= WORKER_THRESHOLD;
  const startPool = (): Worker[] => (pool ??= Array.from({ length: threads }, () => new Worker(script!)));
  return {
    prewarm(expected) {
      if (usesWorkers(expected)) startPool();
      else local.prewarm(expected);
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
    async readAndAnalyze(files) {
      return pool === null && !usesWorkers(files.length) ? local.readAndAnalyze(files) : null;
    },
    async close() {
      if (pool) await Promise.all(pool.map((worker) => worker.terminate()));
      pool = null;
      await local.close();
    },
  };
}

function workerScript(): string | null {
  const compiled = path.join(CODE_ROOT, 'sources', 'analyze-worker.js');
  return existsSync(compiled) ? compiled : null;
}
