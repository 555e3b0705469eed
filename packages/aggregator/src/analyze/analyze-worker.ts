import { parentPort } from 'node:worker_threads';
import { preloadTypeScript } from '../preload-typescript';

// Before analyze-module requires TypeScript: from the code cache when there is one.
preloadTypeScript();
const { analyzeModule } = require('./analyze-module') as typeof import('./analyze-module');

/** A worker thread of discover/module-analyzer: analyzes the batches it is sent. */
interface Batch {
  id: number;
  inputs: { file: string; text: string }[];
}

parentPort?.on('message', ({ id, inputs }: Batch) => {
  parentPort!.postMessage({ id, facts: inputs.map(({ file, text }) => analyzeModule(file, text)) });
});
