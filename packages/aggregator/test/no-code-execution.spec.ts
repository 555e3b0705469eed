import { spawn } from 'node:child_process';
import path from 'node:path';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { copyFixture, listTree, removeTempDirs, tempDir } from './build-fixture';

/**
 * Issue 6 "Never executes user code" (shared/SPEC.md §1: analysis is static). The files of
 * test/fixtures/hostile/runs-code, if run, write `executed-*.txt` at the workspace root and
 * then exit 42, loop forever or wait forever. Every command that analyzes (check, list,
 * build, the Nx analysis target, the Nx build target) and the Nx plugin's createNodes run
 * as processes with a timeout: each must end on its own, report the handlers normally and
 * leave no marker. (`trigger` runs handlers by design and is not here.)
 */

afterAll(removeTempDirs);

const BIN = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
const PLUGIN = path.join(__dirname, '..', 'dist', 'nx', 'plugin.js');
const TIMEOUT_MS = 20_000;

interface Run {
  status: number | null;
  /** Set when the timeout killed it. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runNode(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, timeout: TIMEOUT_MS, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    // Decoded as a stream: a character split across two reads of the pipe stays whole.
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

describe('no user code runs while analyzing', () => {
  let root: string;
  let before: string[];
  const runs: Record<string, Run> = {};

  beforeAll(async () => {
    root = await copyFixture('hostile/runs-code');
    before = await listTree(root);
    const cli = (...argv: string[]): Promise<Run> => runNode([BIN, ...argv], root);
    // Two at a time; the Nx build target reads what the analysis target wrote.
    [runs['check'], runs['list']] = await Promise.all([cli('check', '--root', '.', '--format', 'json'), cli('list', '--root', '.', '--no-cache')]);
    [runs['build'], runs['analyze']] = await Promise.all([
      cli('build', '--root', '.', '--no-cache'),
      cli('analyze', '--root', '.', '--package', 'packages/payments'),
    ]);
    const createNodes = [
      `const { createNodes } = require(${JSON.stringify(PLUGIN)});`,
      "const files = ['package.json', 'sites/shop/package.json', 'packages/payments/package.json'];",
      'createNodes[1](files, undefined, { workspaceRoot: process.cwd(), nxJsonConfiguration: {} })',
      '  .then((results) => process.stdout.write(JSON.stringify(Object.fromEntries(results))));',
    ].join('\n');
    [runs['build --from-analyses'], runs['nx createNodes']] = await Promise.all([
      cli('build', '--root', '.', '--site', 'shop', '--from-analyses', '--out', 'from-analyses'),
      runNode(['-e', createNodes], root),
    ]);
  }, 60_000);

  it('every command ends by itself, without an error', () => {
    const outcome = (run: Run): object => ({ status: run.status, signal: run.signal, stderr: run.stderr });
    expect(Object.fromEntries(Object.entries(runs).map(([command, run]) => [command, outcome(run)]))).toEqual({
      check: { status: 0, signal: null, stderr: '' },
      list: { status: 0, signal: null, stderr: '' },
      build: { status: 0, signal: null, stderr: '' },
      analyze: { status: 0, signal: null, stderr: '' },
      'build --from-analyses': { status: 0, signal: null, stderr: '' },
      'nx createNodes': { status: 0, signal: null, stderr: '' },
    });
  });

  it('analyzes the files that would run code like any other: both handlers in the table', () => {
    const report = JSON.parse(runs['check']!.stdout) as { sites: { events: Record<string, { handlers: { export: string; file: string; line: number; async: boolean }[] }> }[]; diagnostics: unknown[] };
    expect(report.diagnostics).toEqual([]);
    expect(report.sites[0]!.events).toEqual({
      wixBilling_onInvoicePaid: expect.objectContaining({
        handlers: [expect.objectContaining({ export: 'wixBilling_onInvoicePaid', file: 'packages/payments/backend/events.js', line: 8, async: true })],
      }),
      wixCrm_onContactCreated: expect.objectContaining({
        handlers: [expect.objectContaining({ export: 'wixCrm_onContactCreated', file: 'sites/shop/src/backend/events.js', line: 7, async: false })],
      }),
    });
    const inferred = JSON.parse(runs['nx createNodes']!.stdout) as Record<string, { projects: Record<string, { targets: Record<string, unknown> }> }>;
    expect(Object.keys(inferred['sites/shop/package.json']!.projects['sites/shop']!.targets)).toEqual(['velo-events']);
    expect(Object.keys(inferred['packages/payments/package.json']!.projects['packages/payments']!.targets)).toEqual(['velo-events-analyze']);
  });

  it('writes nothing but its outputs: no marker anywhere', async () => {
    const written = (await listTree(root)).filter((file) => !before.includes(file));
    expect(written.filter((file) => !file.startsWith('sites/shop/dist/velo-events/') && !file.startsWith('from-analyses/shop/'))).toEqual([
      'packages/payments/dist/velo-events/analysis.json',
    ]);
    expect(written.filter((file) => file.includes('executed'))).toEqual([]);
    expect(written).toContain('sites/shop/dist/velo-events/site/src/backend/events.js');
    expect(written).toContain('from-analyses/shop/site/src/backend/events.js');
  });
});

/**
 * Issue 15: with 64 files or more a second thread judges each module by having V8 compile
 * it (`vm.SourceTextModule`, never linked nor evaluated). Here 70 packages hold the
 * fixture's three kinds of file (top-level write then `process.exit`, then an endless loop,
 * then a promise that never settles): none may run there either.
 */
describe('no user code runs while V8 judges the modules (source thread)', () => {
  const PACKAGES = 70;
  let root: string;
  let run: Run;

  beforeAll(async () => {
    root = await tempDir('v8-judge-');
    const fixture = path.join(__dirname, 'fixtures', 'hostile', 'runs-code');
    const read = (file: string): Promise<string> => readFile(path.join(fixture, file), 'utf8');
    const [exits, loops, waits] = await Promise.all([
      read('sites/shop/src/backend/events.js'),
      read('packages/payments/backend/events.js'),
      read('packages/payments/backend/charge.js'),
    ]);
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'judged', private: true, workspaces: ['packages/*'] }) };
    for (let i = 0; i < PACKAGES; i += 1) {
      files[`packages/p${i}/package.json`] = JSON.stringify({ name: `p${i}` });
      // The markers are written three folders up from backend/: the workspace root.
      files[`packages/p${i}/backend/events.js`] = i % 2 === 0 ? loops : exits.replace('../../../../', '../../../');
      files[`packages/p${i}/backend/charge.js`] = waits;
    }
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    run = await runNode([BIN, 'check', '--root', '.', '--format', 'json', '--no-cache'], root);
  }, 60_000);

  it('ends by itself, every module judged valid', () => {
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; file: string }[] };
    // No site: each package is an orphan (a warning), and nothing is wrong with any file.
    expect(new Set(report.diagnostics.map((d) => d.code))).toEqual(new Set(['orphan-package']));
    expect(report.diagnostics).toHaveLength(PACKAGES);
  });

  it('leaves no marker', async () => {
    expect((await listTree(root)).filter((file) => file.includes('executed'))).toEqual([]);
  });
});
