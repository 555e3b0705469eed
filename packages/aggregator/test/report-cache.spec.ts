import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as aggregateModule from '../src/aggregate';
import { removeTempDirs, runCli, tempDir, type CliRun } from './build-fixture';

/**
 * Issue 5: a warm check takes the whole report, and the printed output, from the cache
 * when nothing it read has changed, and only then. After every change below, the cached
 * run must print exactly what a run without the cache prints.
 */

afterAll(removeTempDirs);
afterEach(() => jest.restoreAllMocks());

const WORKSPACE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/*', 'sites/*'] }),
  'sites/shop/package.json': JSON.stringify({ name: 'shop', dependencies: { loyalty: '*' } }),
  'sites/shop/wix.config.json': '{}',
  'sites/shop/src/backend/events.js':
    "import { audit } from 'backend/util';\nexport function wixCrm_onContactCreated(event) { return audit(event); }\nexport const RETRIES = 3;\n",
  'sites/shop/src/backend/util.js': 'export function audit(event) { return event; }\n',
  'packages/loyalty/package.json': JSON.stringify({ name: 'loyalty' }),
  'packages/loyalty/backend/events.js': "export { wixCrm_onContactCreated, wixBilling_onInvoicePaid } from './helpers.js';\n",
  'packages/loyalty/backend/helpers.js':
    'export function wixCrm_onContactCreated(event) {}\nexport function wixBilling_onInvoicePaid(event) {}\n',
};

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

describe('the report cache', () => {
  let root: string;
  let analyzed: jest.SpyInstance;

  /** The cached run and a run without any cache, and whether the cached run analyzed. */
  async function both(...argv: string[]): Promise<{ cached: CliRun; fresh: CliRun; analyzedAgain: boolean }> {
    analyzed.mockClear();
    const cached = await runCli(...argv, '--root', root);
    const analyzedAgain = analyzed.mock.calls.length > 0;
    const fresh = await runCli(...argv, '--root', root, '--no-cache');
    return { cached, fresh, analyzedAgain };
  }

  beforeEach(async () => {
    root = await tempDir('report-cache');
    await write(root, WORKSPACE);
    analyzed = jest.spyOn(aggregateModule, 'aggregate');
    const first = await both('check', '--format', 'json');
    expect(first.analyzedAgain).toBe(true);
    expect(first.cached).toEqual(first.fresh);
  });

  it('answers an unchanged workspace without analyzing, in any format, byte for byte', async () => {
    const json = await both('check', '--format', 'json');
    expect(json.analyzedAgain).toBe(false);
    expect(json.cached).toEqual(json.fresh);
    const events = (JSON.parse(json.cached.stdout) as { sites: { events: Record<string, { handlers: { namespace: string; export: string }[] }> }[] }).sites[0]!.events;
    expect(Object.fromEntries(Object.entries(events).map(([event, { handlers }]) => [event, handlers.map((h) => `${h.namespace}:${h.export}`)]))).toEqual({
      wixBilling_onInvoicePaid: ['loyalty:wixBilling_onInvoicePaid'],
      wixCrm_onContactCreated: ['shop:wixCrm_onContactCreated', 'loyalty:wixCrm_onContactCreated'],
    });
    for (const argv of [
      ['check'],
      ['check'],
      ['check', '--format', 'sarif'],
      ['check', '--max-warnings', '0'],
      ['check', '--max-warnings', '0'],
      ['check', '--strict', '--format', 'github'],
      ['list'],
      ['list', '--site', 'shop'],
    ]) {
      const run = await both(...argv);
      expect({ argv, analyzedAgain: run.analyzedAgain, cached: run.cached }).toEqual({ argv, analyzedAgain: false, cached: run.fresh });
    }
    const overLimit = await runCli('check', '--root', root, '--max-warnings', '0');
    expect({ code: overLimit.code, stderr: overLimit.stderr }).toEqual({ code: 1, stderr: 'velo-events: 1 warning, more than --max-warnings 0 allows\n' });
  });

  // Whether the run after the change's own run is served from the report cache: every
  // state is kept once seen, unless a file of it could not be read.
  const changes: [what: string, change: (root: string) => Promise<void>, nextRunServedFromCache: boolean][] = [
    [
      'a module replaced by one of the same size with the old modification time',
      async (dir) => {
        const helpers = path.join(dir, 'packages/loyalty/backend/helpers.js');
        await writeFile(`${helpers}.new`, 'export function wixCrm_onContactUpdated(event) {}\nexport function wixBilling_onInvoicePaid(event) {}\n');
        execFileSync('touch', ['-r', helpers, `${helpers}.new`]);
        await rename(`${helpers}.new`, helpers);
      },
      true,
    ],
    ['an imported module removed', (dir) => rm(path.join(dir, 'packages/loyalty/backend/helpers.js')), true],
    [
      'a file that an import now resolves to first (backend/util → util, not util.js)',
      (dir) => write(dir, { 'sites/shop/src/backend/util': 'export const audit = 1;\n' }),
      true,
    ],
    [
      'a new package the site depends on',
      (dir) =>
        write(dir, {
          'packages/reviews/package.json': JSON.stringify({ name: 'reviews' }),
          'packages/reviews/backend/events.js': 'export function wixBilling_onInvoicePaid(event) {}\n',
          'sites/shop/package.json': JSON.stringify({ name: 'shop', dependencies: { loyalty: '*', reviews: '*' } }),
        }),
      true,
    ],
    ['a package.json that changes membership', (dir) => write(dir, { 'sites/shop/package.json': JSON.stringify({ name: 'shop' }) }), true],
    [
      'a package.json replaced by one of the same size with the old modification time (a new namespace)',
      async (dir) => {
        const manifest = path.join(dir, 'packages/loyalty/package.json');
        await writeFile(`${manifest}.new`, JSON.stringify({ name: 'royalty' }));
        execFileSync('touch', ['-r', manifest, `${manifest}.new`]);
        await rename(`${manifest}.new`, manifest);
      },
      true,
    ],
    ['a config file', (dir) => write(dir, { 'velo-events.config.json': JSON.stringify({ rules: { 'non-handler-export': 'off' } }) }), true],
    ['a site events file made unreadable as UTF-8', (dir) => writeFile(path.join(dir, 'sites/shop/src/backend/events.js'), Buffer.from([0x65, 0xff, 0x0a])), false],
  ];

  it.each(changes)('sees %s', async (_, change, nextRunServedFromCache) => {
    await change(root);
    const afterChange = await both('check', '--format', 'json');
    expect(afterChange.analyzedAgain).toBe(true);
    expect(afterChange.cached).toEqual(afterChange.fresh);
    const again = await both('check', '--format', 'json');
    expect({ analyzedAgain: again.analyzedAgain, cached: again.cached }).toEqual({ analyzedAgain: !nextRunServedFromCache, cached: again.fresh });
  });

  it("reads no package's package.json again while each keeps its size and change time", async () => {
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const reads = jest.spyOn(fs, 'readFileSync');
    const run = await both('check', '--format', 'json');
    const manifestsRead = reads.mock.calls
      .map(([file]) => String(file))
      .filter((file) => file.startsWith(root) && file.endsWith('package.json'))
      .map((file) => path.relative(root, file));
    expect(run.analyzedAgain).toBe(false);
    expect(run.cached).toEqual(run.fresh);
    // The root's is read for its workspace globs; the --no-cache run reads them all.
    expect(manifestsRead.filter((file, index) => manifestsRead.indexOf(file) === index).sort()).toEqual([
      'package.json',
      'packages/loyalty/package.json',
      'sites/shop/package.json',
    ]);
    expect(manifestsRead.filter((file) => file === 'packages/loyalty/package.json')).toHaveLength(1);
  });

  it('keeps no report made with a file it could not read, and leaves one entry per workspace', async () => {
    await writeFile(path.join(root, 'sites/shop/src/backend/util.js'), Buffer.from([0xff]));
    await both('check', '--format', 'json');
    const again = await both('check', '--format', 'json');
    expect(again.analyzedAgain).toBe(true);
    const entries = (await readdir(path.join(root, 'node_modules/.cache/velo-events'))).filter((name) => name.startsWith('report-'));
    expect(entries.map((name) => name.replace(/^report-[0-9a-f]{16}(\.[0-9a-f]{12})?/, 'report-…')).sort()).toEqual([
      'report-….json',
      'report-….out',
      'report-….report.json',
    ]);
  });
});

describe('the report cache: files the output shows besides modules', () => {
  it('stamps the other files diagnostics point at, and keeps nothing when one is gone', async () => {
    const { openReportCache } = await import('../src/cache/report-cache');
    const root = await tempDir('report-cache-frames');
    await write(root, { 'sites/shop/package.json': '{ "name": "shop" }\n' });
    const cache = openReportCache(path.join(root, 'cache'), root, 'key');
    const inputs = { files: [['sites/shop/src/backend/events.js', 10, 1]] as [string, number, number][], resolutions: [], reusable: true };
    const diagnostic = (file: string) => ({ code: 'namespace-collision' as const, severity: 'warning' as const, file, line: 1, column: 1, message: 'm' });
    const report = { schemaVersion: 1 as const, root: '.' as const, sites: [], diagnostics: [diagnostic('sites/shop/src/backend/events.js'), diagnostic('sites/shop/package.json')] };
    const stamped = cache.withDiagnosticFiles(inputs, report);
    expect(stamped).toEqual({ ...inputs, files: [...inputs.files, ['sites/shop/package.json', 19, expect.any(Number)]] });
    const gone = cache.withDiagnosticFiles(inputs, { ...report, diagnostics: [diagnostic('sites/gone/package.json')] });
    expect(gone.reusable).toBe(false);
  });
});
