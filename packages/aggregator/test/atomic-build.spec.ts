import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copyFixture, listTree, readTree, removeTempDirs, runCli, shownPath, tempDir } from './build-fixture';

/**
 * Issue 6 "Atomic outputs": a `build` killed at any moment leaves the previous or the new
 * complete outputs, never a mix. What src/emit/replace-directory.ts promises, exactly: the
 * output folder is always one complete build; the only moment it is absent is between the
 * two renames of the swap, and then `.<folder>.old-*` beside it holds the previous build,
 * which the next build puts back before it starts. Partly written `.<folder>.new-*`
 * staging folders may be left; the next build removes them.
 */

afterAll(removeTempDirs);

const BIN = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
const TRIALS_PER_WORKSPACE = 100;
const WORKSPACES = 2;
const SITE_EVENTS = 'sites/shop/src/backend/events.js';
const OUT_PARENT = 'sites/shop/dist';
const OUT = `${OUT_PARENT}/velo-events`;

type Outcome =
  | 'previous'
  | 'previous, killed while writing the new one'
  | 'new'
  | 'absent, previous kept aside'
  | 'finished before the kill';

interface Built {
  code: number | null;
  ms: number;
}

/** Runs `velo-events build` as a process; kills it with SIGKILL after `killAfterMs`, if given. */
function build(root: string, killAfterMs?: number): Promise<Built> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'build', '--root', root], { stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - started });
    });
  });
}

/** A site with a hundred pages to copy and a Velo package whose events.js imports a helper. */
async function smallWorkspace(): Promise<string> {
  const root = await tempDir('atomic');
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'atomic', private: true, workspaces: ['sites/*', 'libs/*'] }),
    'sites/shop/package.json': JSON.stringify({ name: 'shop', dependencies: { '@acme/mail': '*' } }),
    'sites/shop/wix.config.json': '{}',
    'libs/mail/package.json': JSON.stringify({ name: '@acme/mail' }),
    'libs/mail/backend/events.js': "import { subject } from './subject.js';\nexport function wixEcom_onOrderApproved(event) { return subject(event); }\n",
    'libs/mail/backend/subject.js': 'export const subject = (event) => `Order ${event.id}`;\n',
  };
  for (let i = 0; i < 100; i += 1) files[`sites/shop/src/pages/Page${i}.js`] = `$w.onReady(() => { $w('#title').text = 'Page ${i}'; });\n`;
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

/** The staging folders builds left beside the output (each kill during writing leaves one). */
async function stagingFolders(root: string): Promise<string[]> {
  return (await readdir(path.join(root, OUT_PARENT))).filter((name) => name.startsWith('.velo-events.new-'));
}

async function sameTree(dir: string, expected: Record<string, Buffer>): Promise<boolean> {
  const tree = await readTree(dir);
  const files = Object.keys(tree);
  return files.length === Object.keys(expected).length && files.every((file) => expected[file]?.equals(tree[file]!) === true);
}

describe('a build killed at random moments', () => {
  const outcomes: Record<Outcome, number> = {
    previous: 0,
    'previous, killed while writing the new one': 0,
    new: 0,
    'absent, previous kept aside': 0,
    'finished before the kill': 0,
  };
  const violations: string[] = [];
  let typicalMs = 0;

  beforeAll(async () => {
    // Two workspaces, one trial running in each at a time.
    const roots = await Promise.all(Array.from({ length: WORKSPACES }, () => smallWorkspace()));
    // The new version changes the site copy, the dispatcher and the manifest.
    const v1 = 'export function wixEcom_onOrderApproved(event) {}\n';
    const v2 = `${v1}export async function wixEcom_onOrderCanceled(event) {}\n`;
    const versions = [v1, v2];

    // The two known-good outputs (each built in both workspaces at once), then both built
    // again from a warm cache, as in the trials: how long a build typically takes.
    const good: Record<string, Buffer>[] = [];
    const warmDurations: number[] = [];
    for (const [round, index] of [0, 1, 0, 1].entries()) {
      await Promise.all(
        roots.map(async (root) => {
          await mkdir(path.dirname(path.join(root, SITE_EVENTS)), { recursive: true });
          await writeFile(path.join(root, SITE_EVENTS), versions[index]!);
        }),
      );
      const runs = await Promise.all(roots.map((root) => build(root)));
      for (const run of runs) expect(run.code).toBe(0);
      if (round >= 2) warmDurations.push(...runs.map((run) => run.ms));
      good[index] ??= await readTree(path.join(roots[0]!, OUT));
      for (const root of roots) expect(await sameTree(path.join(root, OUT), good[index]!)).toBe(true);
    }
    expect(good[0]!['site/src/backend/events.js']!.equals(good[1]!['site/src/backend/events.js']!)).toBe(false);
    typicalMs = [...warmDurations].sort((a, b) => a - b)[Math.floor(warmDurations.length / 2)]!;

    await Promise.all(
      roots.map(async (root, workspace) => {
        // Outputs now hold version 2 (index 1): each trial builds the other version.
        let current = 1;
        let written = 1;
        // Kill moments spread evenly from 0 to the typical build time, in random order.
        const delays = Array.from({ length: TRIALS_PER_WORKSPACE }, (_, i) => ((i + Math.random()) / TRIALS_PER_WORKSPACE) * typicalMs);
        for (let i = delays.length - 1; i > 0; i -= 1) {
          const j = Math.floor(Math.random() * (i + 1));
          [delays[i], delays[j]] = [delays[j]!, delays[i]!];
        }
        for (const [trial, delay] of delays.entries()) {
          const next = 1 - current;
          await writeFile(path.join(root, SITE_EVENTS), versions[next]!);
          written = next;
          const staged = await stagingFolders(root);
          const run = await build(root, delay);
          const where = `workspace ${workspace}, trial ${trial}, killed after ${delay.toFixed(0)} ms`;
          const outcome = await inspect(root, good[current]!, good[next]!, run, staged);
          if (typeof outcome !== 'string') {
            violations.push(`${where}: ${outcome.problem}`);
            continue;
          }
          outcomes[outcome] += 1;
          if (outcome === 'new' || outcome === 'finished before the kill') current = next;
        }
        // The next build, left alone, restores what a kill set aside and clears every leftover.
        const final = await build(root);
        expect(final.code).toBe(0);
        expect(await sameTree(path.join(root, OUT), good[written]!)).toBe(true);
        expect(await readdir(path.join(root, OUT_PARENT))).toEqual(['velo-events']);
      }),
    );
  }, 180_000);

  /** What one trial left, or what is wrong with it. */
  async function inspect(
    root: string,
    previous: Record<string, Buffer>,
    next: Record<string, Buffer>,
    run: Built,
    stagedBefore: readonly string[],
  ): Promise<Outcome | { problem: string }> {
    const out = path.join(root, OUT);
    if (existsSync(out)) {
      if (await sameTree(out, next)) return run.code === 0 ? 'finished before the kill' : 'new';
      if (run.code === 0) return { problem: 'the build finished but the output is not the new build' };
      if (await sameTree(out, previous)) {
        const staged = (await stagingFolders(root)).some((name) => !stagedBefore.includes(name));
        return staged ? 'previous, killed while writing the new one' : 'previous';
      }
      return { problem: `the output folder is neither build: ${(await listTree(out)).join(', ')}` };
    }
    const aside = (await readdir(path.join(root, OUT_PARENT))).filter((name) => name.startsWith('.velo-events.old-'));
    if (aside.length !== 1) return { problem: `no output folder, and ${aside.length} previous builds set aside` };
    if (!(await sameTree(path.join(root, OUT_PARENT, aside[0]!), previous))) return { problem: 'no output folder, and what is set aside is not the previous build' };
    return 'absent, previous kept aside';
  }

  it(`leaves the previous or the new complete outputs in every one of ${WORKSPACES * TRIALS_PER_WORKSPACE} trials`, () => {
    expect(violations).toEqual([]);
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(WORKSPACES * TRIALS_PER_WORKSPACE);
  });

  it('kills early enough to keep the previous outputs and late enough to see the new ones', () => {
    expect(typicalMs).toBeGreaterThan(0);
    expect(outcomes.previous).toBeGreaterThan(0);
    expect(outcomes['previous, killed while writing the new one']).toBeGreaterThan(0);
    expect(outcomes.new + outcomes['finished before the kill']).toBeGreaterThan(0);
  });
});

describe('an output folder that cannot be written: one line naming it, exit 2, nothing written', () => {
  it('--out naming an existing file', async () => {
    const root = await copyFixture('build/dispatch-order');
    const file = path.join(await tempDir('out-file'), 'notes.txt');
    await writeFile(file, 'mine\n');
    const files = await listTree(root);

    expect(await runCli('build', '--root', root, '--out', file)).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: cannot write the build output to ${shownPath(path.join(file, 'shop'))}: ${shownPath(file)} is a file, not a folder\n`,
    });
    expect(await readFile(file, 'utf8')).toBe('mine\n');
    expect(await listTree(root)).toEqual(files);
  });

  it('--out below an existing file', async () => {
    const root = await copyFixture('build/dispatch-order');
    const file = path.join(await tempDir('out-below-file'), 'notes.txt');
    await writeFile(file, 'mine\n');

    expect(await runCli('build', '--root', root, '--out', path.join(file, 'builds'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: cannot write the build output to ${shownPath(path.join(file, 'builds', 'shop'))}: ${shownPath(file)} is a file, not a folder\n`,
    });
    expect(await readFile(file, 'utf8')).toBe('mine\n');
  });

  it('the site output folder is a file (--out <dir> holding a file named like the site)', async () => {
    const root = await copyFixture('build/dispatch-order');
    const out = await tempDir('out-site-file');
    await writeFile(path.join(out, 'shop'), 'mine\n');

    expect(await runCli('build', '--root', root, '--out', out)).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: cannot write the build output to ${shownPath(path.join(out, 'shop'))}: it is a file, not a folder\n`,
    });
    expect(await readFile(path.join(out, 'shop'), 'utf8')).toBe('mine\n');
  });

  // Root writes through any file mode, so a read-only folder proves nothing here; /proc
  // refuses new folders to everyone (and Node 20's recursive mkdir looped forever on it).
  (existsSync('/proc/self') ? it : it.skip)('--out under /proc, where no folder can be made', async () => {
    const root = await copyFixture('build/dispatch-order');
    const out = '/proc/velo-events-out';
    const result = await runCli('build', '--root', root, '--out', out);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: cannot write shop's build output to ${shownPath(path.join(out, 'shop'))}: ENOENT: no such file or directory, mkdir '${out}'\n`,
    });
  }, 10_000);

  it("near-miss: a user's folder beside the output (.velo-events.bak) survives builds", async () => {
    const root = await copyFixture('build/dispatch-order');
    await mkdir(path.join(root, OUT_PARENT, '.velo-events.bak'), { recursive: true });
    await writeFile(path.join(root, OUT_PARENT, '.velo-events.bak', 'keep.txt'), 'mine\n');

    expect((await runCli('build', '--root', root, '--no-cache')).code).toBe(0);
    expect((await runCli('build', '--root', root, '--no-cache')).code).toBe(0);
    expect((await readdir(path.join(root, OUT_PARENT))).sort()).toEqual(['.velo-events.bak', 'velo-events']);
    expect(await readFile(path.join(root, OUT_PARENT, '.velo-events.bak', 'keep.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('builds of one site run at once', () => {
  const CONCURRENT = 4;
  const ROUNDS = 5;

  it(`${CONCURRENT} at a time, ${ROUNDS} times: every one exits 0 and leaves one whole output, nothing beside it`, async () => {
    const root = await smallWorkspace();
    await mkdir(path.dirname(path.join(root, SITE_EVENTS)), { recursive: true });
    await writeFile(path.join(root, SITE_EVENTS), 'export function wixEcom_onOrderApproved(event) {}\n');
    expect((await build(root)).code).toBe(0);
    const expected = await readTree(path.join(root, OUT));
    const codes: (number | null)[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const runs = await Promise.all(Array.from({ length: CONCURRENT }, () => build(root)));
      codes.push(...runs.map((run) => run.code));
      expect(await sameTree(path.join(root, OUT), expected)).toBe(true);
    }
    expect(codes).toEqual(Array.from({ length: CONCURRENT * ROUNDS }, () => 0));
    expect((await readdir(path.join(root, OUT_PARENT))).sort()).toEqual(['velo-events']);
  }, 120_000);
});
