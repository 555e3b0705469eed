import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../src/cli/main';

/** The repository root (the workspace holding packages/site-fixture). */
export const REPO_ROOT = path.join(__dirname, '..', '..', '..');
export const FIXTURES = path.join(__dirname, 'fixtures');
export const VELO_HOOKS = path.join(__dirname, '..', 'runtime', 'velo-hooks.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing what it prints. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color: false,
  });
  return { code, stdout, stderr };
}

const temps: string[] = [];

/** A new empty folder in the OS temp folder; removed by removeTempDirs. */
export async function tempDir(label: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `velo-events-${label}-`));
  temps.push(dir);
  return dir;
}

/** A fresh copy of `test/fixtures/<relative>` in the temp folder. */
export async function copyFixture(relative: string): Promise<string> {
  const dir = await tempDir(relative.replace(/[^A-Za-z0-9]+/g, '-'));
  await cp(path.join(FIXTURES, relative), dir, { recursive: true });
  return dir;
}

/** Removes every folder made by tempDir/copyFixture (call from afterAll). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Every file below `dir`, as sorted POSIX paths relative to it (dot files included). */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    // The per-file analysis cache (node_modules/.cache/velo-events) is not a build output.
    .filter((entry) => !entry.parentPath.split(path.sep).includes('node_modules'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Every file below `dir` with its bytes, keyed like listTree. */
export async function readTree(dir: string): Promise<Record<string, Buffer>> {
  const tree: Record<string, Buffer> = {};
  for (const file of await listTree(dir)) tree[file] = await readFile(path.join(dir, file));
  return tree;
}

/** `dir` as a POSIX path relative to the current directory, as the build command prints it. */
export function shownPath(dir: string): string {
  return path.relative(process.cwd(), dir).split(path.sep).join('/') || '.';
}

export interface ChildRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `body` (ESM, top-level await allowed) in a child Node process after registering the
 * Velo module hooks for the site copy's `src/`. `body` sees `events` (the copy's
 * src/backend/events.js namespace) and `describeError(error)`.
 */
export async function runInVeloNode(
  dir: string,
  srcRoot: string,
  stubDirs: readonly string[],
  body: string,
): Promise<ChildRun> {
  const script = path.join(dir, `run-${temps.length}-${Date.now()}.mjs`);
  const eventsUrl = pathToFileURL(path.join(srcRoot, 'backend', 'events.js')).href;
  await writeFile(
    script,
    [
      "import { register } from 'node:module';",
      `register(${JSON.stringify(pathToFileURL(VELO_HOOKS).href)}, { data: ${JSON.stringify({ srcRoot, stubDirs })} });`,
      'function describeError(error) {',
      '  if (!(error instanceof Error)) return { thrown: error };',
      '  const described = { name: error.name, message: error.message };',
      "  if ('handler' in error) described.handler = error.handler;",
      "  if ('cause' in error) described.cause = describeError(error.cause);",
      '  if (error instanceof AggregateError) described.errors = error.errors.map(describeError);',
      '  return described;',
      '}',
      `const events = await import(${JSON.stringify(eventsUrl)});`,
      body,
    ].join('\n'),
  );
  const result = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
