import { parentPort } from 'node:worker_threads';
import { preloadTypeScript } from '../cache/preload-typescript';

// Before analyze-module requires TypeScript: from the code cache when there is one.
preloadTypeScript();
const { analyzeModule } = require('../analyze/analyze-module') as typeof import('../analyze/analyze-module');

/** A worker thread of sources/module-analyzer: analyzes the batches it is sent. */
interface Batch {
  id: number;
  inputs: { file: string; text: string }[];
}

parentPort?.on('message', ({ id, inputs }: Batch) => {
  parentPort!.postMessage({ id, facts: inputs.map(({ file, text }) => analyzeModule(file, text)) });
});
