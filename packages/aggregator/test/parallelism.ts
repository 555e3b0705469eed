import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './build-fixture';

const BIN = path.join(__dirname, '..', 'bin', 'velo-events.cjs');

export interface ParallelRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Worker threads the CLI started. */
  workers: number;
}

let preload: Promise<string> | undefined;

/** A --require'd script: fakes `availableParallelism()` and counts the worker threads started. */
function parallelismPreload(): Promise<string> {
  preload ??= (async () => {
    const file = path.join(await tempDir('parallelism'), 'parallelism.cjs');
    await writeFile(
      file,
      [
        "const { isMainThread } = require('node:worker_threads');",
        'if (isMainThread) {',
        "  const os = require('node:os');",
        '  const parallelism = Number(process.env.VELO_EVENTS_TEST_PARALLELISM);',
        '  if (parallelism > 0) os.availableParallelism = () => parallelism;',
        "  const threads = require('node:worker_threads');",
        '  let started = 0;',
        '  const Base = threads.Worker;',
        '  threads.Worker = class extends Base { constructor(...args) { super(...args); started += 1; } };',
        "  process.on('exit', () => require('node:fs').writeFileSync(process.env.VELO_EVENTS_TEST_WORKERS_FILE, String(started)));",
        '}',
      ].join('\n'),
    );
    return file;
  })();
  return preload;
}

/**
 * Runs the built CLI (worker threads exist only for the compiled analyzer) with
 * `availableParallelism()` reporting `parallelism`, and counts the worker threads it starts.
 */
export async function runWithParallelism(parallelism: number, argv: string[], env: Record<string, string> = {}): Promise<ParallelRun> {
  const script = await parallelismPreload();
  const countFile = path.join(path.dirname(script), `workers-${Math.random().toString(36).slice(2)}`);
  const child = spawn(process.execPath, ['--require', script, BIN, ...argv], {
    env: { ...process.env, ...env, VELO_EVENTS_TEST_PARALLELISM: String(parallelism), VELO_EVENTS_TEST_WORKERS_FILE: countFile },
  });
  let stdout = '';
  let stderr = '';
  // Decoded as a stream: a character split across two reads of the pipe stays whole.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const workers = Number(await readFile(countFile, 'utf8').catch(() => 'NaN'));
  return { status, stdout, stderr, workers };
}
