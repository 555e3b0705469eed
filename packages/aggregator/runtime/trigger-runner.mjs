// Runs one event of a site's merged dispatch table in this (child) process, through the
// same dispatch loop as the generated dispatcher, and sends the outcome to the parent.
// Started by velo-events trigger and loadSite() with an IPC channel; never imported.
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEFAULT_STUBS = new URL('./stubs/', import.meta.url);

process.once('message', async (job) => {
  register(new URL('./velo-hooks.mjs', import.meta.url), {
    data: { roots: job.roots, stubDirs: [...job.stubDirs, fileURLToPath(DEFAULT_STUBS)] },
  });
  const { dispatch } = await import(new URL('./dispatch.js', import.meta.url).href);
  const outcomes = [];
  const handlers = job.handlers.map((handler) => [handler.label, (event) => runOne(handler, event, job.timeoutMs)]);
  try {
    await dispatch(job.event, job.payload, handlers, (label, outcome) => {
      outcomes.push({
        label,
        status: outcome.ok ? 'ran' : outcome.error?.timedOut ? 'timed-out' : 'failed',
        durationMs: Math.round(outcome.ms * 10) / 10,
        ...(outcome.ok ? {} : { error: describeError(outcome.error) }),
      });
    });
  } catch {
    // The AggregateError repeats what the outcomes already say.
  }
  process.send({ outcomes, calls: globalThis.__veloEventsCalls ?? [] }, () => process.exit(0));
});

async function runOne(handler, event, timeoutMs) {
  const module = await import(pathToFileURL(handler.file).href);
  const fn = module[handler.export];
  if (typeof fn !== 'function') throw new Error(`${handler.export} is not exported as a function`);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`did not settle within ${timeoutMs} ms`);
      error.timedOut = true;
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([fn(event), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error) {
  if (!(error instanceof Error)) return { message: String(error), stack: null, name: 'Error' };
  return { name: error.name, message: error.message, stack: error.stack ?? null, code: error.code ?? null };
}
