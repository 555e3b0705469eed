import { execFileSync } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
const TEST_WORKER_THRESHOLD = 400;
import { readTree, removeTempDirs, runCli, tempDir } from './build-fixture';
import { runWithParallelism, type ParallelRun } from './parallelism';

/**
 * Issue 6 "Determinism": the JSON report and every file `build` writes are byte-identical
 * across runs, with and without the cache, with any number of worker threads, whatever
 * order the file system lists files in and wherever the workspace lies. Runs the built CLI
 * (bin/velo-events.cjs) as a process: worker threads exist only for the compiled analyzer.
 */

afterAll(removeTempDirs);

const PACKAGES = 200;

/** Package names that sort differently by code point than by locale or by folder. */
const NAME_STYLES = [(i: number) => `@acme/p${i}`, (i: number) => `p${i}`, (i: number) => `élan-${i}`, (i: number) => `Zeta_${i}`];
const packageName = (i: number): string => NAME_STYLES[i % NAME_STYLES.length]!(i);

/** Every export form and a good share of the diagnostic codes, spread over many packages. */
const EVENTS_VARIANTS = [
  "export function wixCrm_onContactCreated(event) {}\nexport { wixBilling_onInvoicePaid } from './helper.js';\n",
  "export async function wixCrm_onContactUpdated(event, extra) {}\nexport * from './helper.js';\n",
  "import { helper } from 'backend/helper';\nexport const wixCrm_onContactZapped = (event) => {};\nexport { helper as wixCrm_onContactMerged };\n",
  "export const wixCrm_onContactDeleted = 42;\nexport * from './helper.js';\nexport const version = 1;\n",
  'export const broken = ;\n',
  'module.exports = {};\nexport default function (event) {}\nexport function wixBilling_onInvoicePaid(event) {}\n',
  "export function wixBookings_onBookingCanceled(event) {}\nexport { nothing } from './missing.js';\n",
  // One module many packages import (p100's): with packages analyzed in groups, several groups read it.
  "export { wixBookings_onBookingConfirmed } from '../../p100/backend/bookings.js';\n",
];

/**
 * A workspace of PACKAGES Velo packages (events.js and a helper each) and two sites: over
 * TEST_WORKER_THRESHOLD files to analyze, so a cold run splits them across worker threads.
 */
function generatedWorkspace(): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'determinism', private: true, workspaces: ['sites/*', 'packages/*'] }),
    'velo-events.config.json': JSON.stringify({ order: [packageName(7), packageName(2)] }),
  };
  for (let i = 0; i < PACKAGES; i += 1) {
    // Every tenth package depends on the next one: membership through a chain.
    const dependencies = i % 10 === 0 ? { [packageName(i + 1)]: '*' } : {};
    files[`packages/p${i}/package.json`] = JSON.stringify({ name: packageName(i), dependencies });
    files[`packages/p${i}/backend/events.js`] = EVENTS_VARIANTS[i % EVENTS_VARIANTS.length]!;
    files[`packages/p${i}/backend/helper.js`] = 'export function wixBilling_onInvoicePaid(event) {}\nexport const helper = (event) => {};\n';
  }
  // p100 is a member of both sites.
  files['packages/p100/backend/bookings.js'] = "import { helper } from './helper.js';\nexport const wixBookings_onBookingConfirmed = helper;\n";
  const site = (name: string, members: number[], events: string): void => {
    files[`sites/${name}/package.json`] = JSON.stringify({ name, dependencies: Object.fromEntries(members.map((i) => [packageName(i), '*'])) });
    files[`sites/${name}/wix.config.json`] = '{}';
    files[`sites/${name}/src/backend/events.js`] = events;
    files[`sites/${name}/src/public/labels.js`] = "export const label = 'hello';\n";
  };
  const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);
  site('alpha', range(0, 120), "import { label } from 'public/labels';\nexport function wixCrm_onContactCreated(event) { return label; }\n");
  site('beta', range(80, PACKAGES), 'export async function wixBilling_onInvoicePaid(event) {}\nexport const wixCrm_onContactCreated = 1;\n');
  return files;
}

/** Writes `files` in the given order of paths, each folder made when first needed. */
async function writeInOrder(root: string, files: Record<string, string>, order: readonly string[]): Promise<void> {
  for (const file of order) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), files[file]!);
  }
}

type Run = ParallelRun;

/** The default threshold (5,000 files) would need a much larger workspace to start workers. */
const runBin = (parallelism: number, argv: string[], env: Record<string, string> = {}): Promise<Run> =>
  runWithParallelism(parallelism, argv, { VELO_EVENTS_WORKER_THRESHOLD: String(TEST_WORKER_THRESHOLD), ...env });

/** Packages analyzed per group (250 by default): 70 makes 3 groups of the 202 packages. */
const TEST_PACKAGES_PER_GROUP = '70';

describe('byte-identical outputs (SPEC §5)', () => {
  const files = generatedWorkspace();
  const paths = Object.keys(files).sort();
  let first: string;
  let second: string;
  const checks = new Map<string, Run>();
  const builds = new Map<string, Record<string, Buffer>>();
  const workers = new Map<string, number>();

  beforeAll(async () => {
    // Two copies, written in opposite orders, at paths of different lengths and scripts.
    first = await tempDir('determinism');
    second = path.join(await tempDir('determinism-elsewhere'), 'a longer path', 'ñandú 名前');
    await writeInOrder(first, files, paths);
    await writeInOrder(second, files, [...paths].reverse());

    const out = await tempDir('determinism-out');
    const check = async (label: string, root: string, parallelism: number, ...flags: string[]): Promise<void> => {
      const env: Record<string, string> = label.includes('groups') ? { VELO_EVENTS_PACKAGES_PER_GROUP: TEST_PACKAGES_PER_GROUP } : {};
      const result = await runBin(parallelism, ['check', '--root', root, '--format', 'json', ...flags], env);
      checks.set(label, result);
      workers.set(`check, ${label}`, result.workers);
    };
    const build = async (label: string, root: string, parallelism: number, ...flags: string[]): Promise<void> => {
      const result = await runBin(parallelism, ['build', '--root', root, '--out', path.join(out, label), ...flags]);
      expect({ label, status: result.status, stderr: result.stderr }).toEqual({ label, status: 1, stderr: '' });
      builds.set(label, await readTree(path.join(out, label)));
      workers.set(`build, ${label}`, result.workers);
    };
    // Two runs at a time: each is mostly one busy thread.
    await Promise.all([check('no cache, in process', first, 1, '--no-cache'), check('no cache, 2 CPUs: source thread', first, 2, '--no-cache')]);
    await Promise.all([check('elsewhere, no cache, 3 workers', second, 3, '--no-cache'), build('no cache, in process', first, 1, '--no-cache')]);
    // A cold run fills the cache the warm runs read.
    await Promise.all([build('cold cache, 2 CPUs: source thread', first, 2), build('elsewhere, no cache, 4 workers', second, 4, '--no-cache')]);
    await Promise.all([check('warm cache', first, 2), build('warm cache', first, 2)]);
    await check('no cache, 2 CPUs, groups of 70 packages', first, 2, '--no-cache');
  }, 120_000);

  it(`runs the analyzer in process, beside the source thread, and in 3 and 4 worker threads (${PACKAGES * 2 + 5} files, threshold ${TEST_WORKER_THRESHOLD})`, () => {
    expect(Object.fromEntries(workers)).toEqual({
      'check, no cache, in process': 0,
      'check, no cache, 2 CPUs: source thread': 1,
      'check, elsewhere, no cache, 3 workers': 3,
      'build, no cache, in process': 0,
      'build, cold cache, 2 CPUs: source thread': 1,
      'build, elsewhere, no cache, 4 workers': 4,
      // Everything comes from the cache: no parser is loaded at all.
      'check, warm cache': 0,
      'build, warm cache': 0,
      // Each group's events files (70) go to the same source thread.
      'check, no cache, 2 CPUs, groups of 70 packages': 1,
    });
  });

  it('check --format json: one report, byte for byte, from every run', () => {
    const [reference, ...others] = [...checks.values()];
    expect(reference!.status).toBe(1);
    expect(reference!.stderr).toBe('');
    const report = JSON.parse(reference!.stdout) as { sites: unknown[]; diagnostics: unknown[] };
    expect(report.sites).toHaveLength(2);
    for (const run of others) expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({ status: 1, stderr: '', stdout: reference!.stdout });
    expect(reference!.stdout.includes(first)).toBe(false);
  });

  it('build: every file written, byte for byte, from every run', () => {
    const [reference, ...others] = [...builds.values()];
    expect(Object.keys(reference!).length).toBeGreaterThan(PACKAGES);
    for (const tree of others) {
      expect(Object.keys(tree)).toEqual(Object.keys(reference!));
      for (const [file, bytes] of Object.entries(tree)) expect({ file, same: bytes.equals(reference![file]!) }).toEqual({ file, same: true });
    }
  });
});

describe('the cache never serves the analysis of an older text', () => {
  it('a file replaced by another of the same size with its modification time copied over (cp -p, rsync -t, tar)', async () => {
    const root = await tempDir('stale-cache');
    await writeInOrder(
      root,
      {
        'package.json': JSON.stringify({ name: 'shop', private: true }),
        'wix.config.json': '{}',
        'src/backend/events.js': 'export function wixCrm_onContactCreated(event) {}\n',
      },
      ['package.json', 'wix.config.json', 'src/backend/events.js'],
    );
    const events = path.join(root, 'src/backend/events.js');
    const before = await runCli('check', '--root', root, '--format', 'json');

    // Same length, another handler; the old timestamps are put on the new file before it
    // takes the old one's place.
    const replacement = `${events}.new`;
    await writeFile(replacement, 'export function wixCrm_onContactUpdated(event) {}\n');
    execFileSync('touch', ['-r', events, replacement]);
    await rename(replacement, events);

    const cached = await runCli('check', '--root', root, '--format', 'json');
    const fresh = await runCli('check', '--root', root, '--format', 'json', '--no-cache');
    expect(Object.keys((JSON.parse(fresh.stdout) as { sites: { events: object }[] }).sites[0]!.events)).toEqual(['wixCrm_onContactUpdated']);
    expect(cached.stdout).toBe(fresh.stdout);
    expect(before.stdout).not.toBe(fresh.stdout);
  });
});
