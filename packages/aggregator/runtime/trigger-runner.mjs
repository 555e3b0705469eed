// Runs handlers of one event of a site's merged dispatch table in this (child) process,
// through the same dispatch loop as the generated dispatcher. Started by velo-events trigger
// and loadSite() (src/testing/run-handlers.ts), which sends the job over IPC and watches this
// process from outside: it times each handler, and when this process dies or must be killed
// (process.exit, a loop that never ends) it starts a fresh one for the handlers left.
//
// What happens is written as JSON lines to fd 4 with writeSync, so every line is out before
// the next statement runs: a handler that calls process.exit() right after a stub call
// cannot lose that call, nor the fact that it started.
import { Console } from 'node:console';
import { writeSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { observeEvent, withoutProxies } from './observe-reads.mjs';

const REPORT_FD = 4;
const DEFAULT_STUBS = new URL('./stubs/', import.meta.url);
const realExit = process.exit.bind(process);
const realAbort = process.abort.bind(process);

const say = (message) => writeSync(REPORT_FD, `${JSON.stringify(message)}\n`);

/** The handler running now (its index in the job), and the last one that ended. */
let current = null;
let lastEnded = null;

// Stubs report each call as it is made (runtime/stubs/recorder.js).
globalThis.__veloEventsOnCall = (call) => say({ t: 'call', call });

// What handlers print (console.*, process.stdout/stderr.write) is theirs: each write is
// reported with the handler running now (between handlers, the one that ran last, whose work
// it is), in order with its start and end, and shown under that handler's row. Output that
// does not pass through these streams (a child process's, native code's) goes on as before.
// The event is observed (observe-reads.mjs): structuredClone, which refuses a proxy, gets the
// real values of whatever it is given.
const realStructuredClone = globalThis.structuredClone;
globalThis.structuredClone = (value, options) => realStructuredClone(withoutProxies(value), options);

// Objects are formatted without terminal colors, as a site's logs show them, whatever
// FORCE_COLOR says: the same handler prints the same text everywhere.
globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr, colorMode: false });
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]]) {
  stream.write = (chunk, encoding, callback) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    say({ t: 'output', i: current ?? lastEnded, stream: name, text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

// User code ending the process: say where, then let it happen (the parent reports it).
process.exit = (code) => {
  say({ t: 'exit-called', i: current ?? lastEnded, code: code ?? process.exitCode ?? 0, stack: new Error('process.exit()').stack });
  realExit(code);
};
process.abort = () => {
  say({ t: 'exit-called', i: current ?? lastEnded, code: null, stack: new Error('process.abort()').stack });
  realAbort();
};

// A throw from a timer or a rejection nobody handles: the handler running now fails with it;
// between handlers, the one that ran last (it left that work behind).
let failCurrent = null;
const onStray = (kind) => (error) => {
  if (current !== null && failCurrent) failCurrent(strayError(kind, error));
  else if (lastEnded !== null) say({ t: 'late', i: lastEnded, error: describeError(strayError(kind, error)) });
};
process.on('uncaughtException', onStray('uncaught exception'));
process.on('unhandledRejection', onStray('unhandled rejection'));

process.on('message', async (message) => {
  if (message?.t === 'ping') return say({ t: 'pong' });
  if (message?.t !== 'job') return;
  const job = message.job;
  register(new URL('./velo-hooks.mjs', import.meta.url), {
    data: { roots: job.roots, stubDirs: [...job.stubDirs, fileURLToPath(DEFAULT_STUBS)] },
  });
  const { dispatch } = await import(new URL('./dispatch.js', import.meta.url).href);
  const handlers = job.handlers.map((handler, index) => [handler.label, (event) => runOne(index, handler, event)]);
  // Each field the event does not have, once per handler that reads it, with where it was read;
  // not what a stub reads of what it is given (`wixData.insert(event)` looks for an _id).
  const stubUrls = [...job.stubDirs.map((dir) => pathToFileURL(dir).href), DEFAULT_STUBS.href].map((url) => (url.endsWith('/') ? url : `${url}/`));
  const seen = new Set();
  const event = observeEvent(job.payload, (path) => {
    const i = current ?? lastEnded;
    if (i === null || seen.has(`${i} ${path}`)) return;
    const stack = new Error(path).stack;
    const reader = readerOf(stack);
    if (reader !== null && stubUrls.some((url) => reader.startsWith(url))) return;
    seen.add(`${i} ${path}`);
    say({ t: 'missing-read', i, path, stack });
  });
  try {
    await dispatch(job.event, event, handlers, (label, outcome) => {
      const index = job.handlers.findIndex((h) => h.label === label);
      say({
        t: 'end',
        i: index,
        status: outcome.ok ? 'ran' : 'failed',
        durationMs: Math.round(outcome.ms * 10) / 10,
        ...(outcome.ok ? {} : { error: describeError(outcome.error) }),
      });
      current = null;
      lastEnded = index;
    });
  } catch {
    // The AggregateError repeats what the outcomes already say.
  }
  say({ t: 'done' });
  // What handlers printed may still be queued for a pipe that was full; a bounded wait for it.
  await Promise.race([Promise.all([drained(process.stdout), drained(process.stderr)]), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  // Timers and sockets a handler left open must not keep the run alive.
  realExit(0);
});

const OBSERVER_URL = new URL('./observe-reads.mjs', import.meta.url).href;

/** The file of the first frame below the observer's own: the code that read the field. */
function readerOf(stack) {
  for (const match of stack.matchAll(/(file:\/\/[^\s)]+?):\d+:\d+/g)) {
    if (match[1] !== import.meta.url && match[1] !== OBSERVER_URL) return match[1];
  }
  return null;
}

function drained(stream) {
  return stream.writableNeedDrain ? new Promise((resolve) => stream.once('drain', resolve)) : Promise.resolve();
}

async function runOne(index, handler, event) {
  current = index;
  say({ t: 'start', i: index });
  const stray = new Promise((_, reject) => (failCurrent = reject));
  stray.catch(() => {});
  try {
    const module = await import(pathToFileURL(handler.file).href);
    const fn = module[handler.export];
    if (typeof fn !== 'function') throw new Error(`${handler.export} is not exported as a function`);
    await Promise.race([fn(event), stray]);
    // One turn of the event loop: a rejection the handler left unhandled surfaces now, as its own.
    await Promise.race([new Promise((resolve) => setImmediate(resolve)), stray]);
  } finally {
    failCurrent = null;
  }
}

/** The error, named for how it escaped; its stack (the place in user code) is kept. */
function strayError(kind, error) {
  const original = error instanceof Error ? error : new Error(String(error));
  return Object.assign(new Error(`${kind}: ${original.message}`), { name: original.name, stack: original.stack, code: original.code });
}

function describeError(error) {
  if (!(error instanceof Error)) return { message: String(error), stack: null, name: 'Error' };
  return { name: error.name, message: error.message, stack: error.stack ?? null, code: error.code ?? null };
}
