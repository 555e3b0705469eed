import { parentPort } from 'node:worker_threads';
import type { Finding } from '../model';
import { findEarlyError } from './early-error';

/**
 * A worker thread of discover/early-error-checker: runs acorn's early-error check on the
 * batches it is sent while the main thread parses the same files with TypeScript. It loads
 * acorn only, never TypeScript. `null` for a valid module; `'failed'` when the check threw
 * (out of stack, a bug): the main thread then runs it itself and decides.
 */
export type EarlyErrorResult = Finding | null | 'failed';

interface Batch {
  id: number;
  inputs: { file: string; text: string }[];
}

parentPort?.on('message', ({ id, inputs }: Batch) => {
  const results: EarlyErrorResult[] = inputs.map(({ file, text }) => {
    try {
      return findEarlyError(file, text);
    } catch {
      return 'failed';
    }
  });
  parentPort!.postMessage({ id, results });
});
