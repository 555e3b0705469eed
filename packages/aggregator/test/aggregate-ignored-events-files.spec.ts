import { execFileSync } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as aggregateModule from '../src/aggregate';
import { aggregate } from '../src/aggregate';
import { watchCheck } from '../src/cli/watch-check';
import type { Report } from '../src/model';
import type { VeloEventsConfig } from '../src/workspace/config';
import { diagnostic, expectReport, fixture, handler } from './aggregate-fixture';
import { copyFixture, FIXTURES, removeTempDirs, runCli, type CliRun } from './build-fixture';

/**
 * Issue #24: handlers in files Velo never reads (events.ts and the like, any events file of
 * a Wix CLI app) are reported as `ignored-events-file`, never passed over in silence.
 */

afterAll(removeTempDirs);
afterEach(() => jest.restoreAllMocks());

const NO_CONFIG: VeloEventsConfig = { sites: null, packages: null, order: [], rules: {}, catalog: [], stubs: null };
const WORKSPACE = fixture('ignored-events-files');
const APP = path.join(FIXTURES, 'cli', 'wix-cli-app');

function neverCalled(name: string, file: string, eventsFile: string): string {
  return `\`${name}\` in ${file} is never called: Velo reads backend event handlers only from ${eventsFile}; export it from there`;
}

function inApp(name: string, file: string, appRoot: string, marker: string, event: string): string {
  const at = (relative: string): string => (appRoot === '.' ? relative : `${appRoot}/${relative}`);
  return `\`${name}\` in ${file} is never called: this is a Wix CLI app (${at('wix.config.json')} has ${marker}), and Velo's events.js handlers do not run in apps; handle ${event} with an event extension in ${at('src/extensions/')} instead`;
}

const SHOP_TS = 'sites/shop/src/backend/events.ts';
const SHOP_JS = 'sites/shop/src/backend/events.js';
const SHOP_DIAGNOSTICS = [
  diagnostic('ignored-events-file', 'warning', SHOP_TS, 3, 17, neverCalled('wixCrm_onContactUpdated', SHOP_TS, SHOP_JS)),
  diagnostic('ignored-events-file', 'warning', SHOP_TS, 5, 14, neverCalled('wixEcom_onOrderPaid', SHOP_TS, SHOP_JS)),
  diagnostic('ignored-events-file', 'warning', SHOP_TS, 8, 21, neverCalled('wixCrm_onContactDeleted', SHOP_TS, SHOP_JS)),
];
const ORDERS_DIAGNOSTICS = [
  diagnostic(
    'ignored-events-file',
    'warning',
    'libs/orders/backend/events.jsx',
    1,
    17,
    neverCalled('wixEcom_onOrderCreated', 'libs/orders/backend/events.jsx', 'libs/orders/backend/events.js'),
  ),
  diagnostic(
    'ignored-events-file',
    'warning',
    'libs/orders/src/backend/events.cjs',
    1,
    14,
    neverCalled('wixEcom_onOrderApproved', 'libs/orders/src/backend/events.cjs', 'libs/orders/backend/events.js'),
  ),
];

const EXPECTED: Report = {
  schemaVersion: 1,
  root: '.',
  // The apps have no table; neither events.ts nor events.mjs adds a handler to one.
  sites: [
    { name: 'plain', root: 'sites/plain', events: {} },
    {
      name: 'shop',
      root: 'sites/shop',
      events: {
        wixCrm_onContactCreated: {
          module: 'wix-crm-backend',
          event: 'onContactCreated',
          handlers: [handler('shop', 'site', 'wixCrm_onContactCreated', SHOP_JS, 1, 1)],
        },
        wixEcom_onOrderCanceled: {
          module: 'wix-ecom-backend',
          event: 'onOrderCanceled',
          handlers: [handler('@acme/orders', 'package', 'wixEcom_onOrderCanceled', 'libs/orders/backend/events.js', 1, 1)],
        },
      },
    },
  ],
  // Nothing for events.test.ts or other.ts, for sites/plain's events.ts (no handler-shaped
  // name), or for the types, declarations and non-handler names of sites/shop's.
  diagnostics: [
    diagnostic(
      'ignored-events-file',
      'warning',
      'apps/crm-app/src/backend/events.ts',
      3,
      23,
      inApp('wixCrm_onContactCreated', 'apps/crm-app/src/backend/events.ts', 'apps/crm-app', 'an `appId`', 'onContactCreated'),
    ),
    diagnostic(
      'ignored-events-file',
      'warning',
      'apps/crm-app/src/backend/events.ts',
      7,
      14,
      inApp('wixCrm_onContactUpdated', 'apps/crm-app/src/backend/events.ts', 'apps/crm-app', 'an `appId`', 'onContactUpdated'),
    ),
    diagnostic(
      'ignored-events-file',
      'warning',
      'apps/legacy-app/backend/events.mjs',
      1,
      34,
      inApp('wixEcom_onOrderCreated', 'apps/legacy-app/backend/events.mjs', 'apps/legacy-app', '`"projectType": "App"`', 'onOrderCreated'),
    ),
    diagnostic(
      'ignored-events-file',
      'warning',
      'apps/legacy-app/src/backend/events.js',
      1,
      17,
      inApp('wixStores_onNewOrder', 'apps/legacy-app/src/backend/events.js', 'apps/legacy-app', '`"projectType": "App"`', 'onNewOrder'),
    ),
    diagnostic(
      'ignored-events-file',
      'warning',
      'libs/broken/backend/events.ts',
      1,
      49,
      'libs/broken/backend/events.ts cannot be parsed (Property or signature expected.); whatever handlers it exports are never called: Velo reads backend event handlers only from libs/broken/backend/events.js',
    ),
    diagnostic(
      'ignored-events-file',
      'warning',
      'libs/crm/backend/events.mjs',
      1,
      23,
      neverCalled('wixCrm_onContactCreated', 'libs/crm/backend/events.mjs', 'libs/crm/backend/events.js'),
    ),
    ...ORDERS_DIAGNOSTICS,
    ...SHOP_DIAGNOSTICS,
  ],
};

describe('aggregate: ignored-events-file', () => {
  it('reports each handler-shaped export of events.ts and the like, and of a Wix CLI app, at its name; none is in a table', async () => {
    expectReport((await aggregate({ root: WORKSPACE, config: NO_CONFIG })).report, EXPECTED);
  });

  it("gives each site its own and its packages' findings (the build's manifest), and builds no app", async () => {
    const { sites } = await aggregate({ root: WORKSPACE, config: NO_CONFIG });
    expect(sites.map((s) => ({ site: s.report.name, diagnostics: s.diagnostics }))).toEqual([
      { site: 'plain', diagnostics: [] },
      { site: 'shop', diagnostics: [...ORDERS_DIAGNOSTICS, ...SHOP_DIAGNOSTICS] },
    ]);
  });

  it('follows the config rules like any code', async () => {
    const off = await aggregate({ root: WORKSPACE, config: { ...NO_CONFIG, rules: { 'ignored-events-file': 'off' } } });
    expect(off.report.diagnostics).toEqual([]);
    const error = await aggregate({ root: WORKSPACE, config: { ...NO_CONFIG, rules: { 'ignored-events-file': 'error' } } });
    expect(error.report.diagnostics.map((d) => d.severity)).toEqual(EXPECTED.diagnostics.map(() => 'error'));
  });
});

describe('velo-events on a Wix CLI app with src/backend/events.ts (the repository of issue #24)', () => {
  const created = inApp('wixCrm_onContactCreated', 'src/backend/events.ts', '.', 'an `appId`', 'onContactCreated');
  const updated = inApp('wixCrm_onContactUpdated', 'src/backend/events.ts', '.', 'an `appId`', 'onContactUpdated');

  it('check: warns at each handler instead of a bare success', async () => {
    expect(await runCli('check', '--root', APP, '--no-cache')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'src/backend/events.ts',
        `  src/backend/events.ts:4:23  warning  ${created}  ignored-events-file`,
        '    > 4 | export async function wixCrm_onContactCreated(event: contacts.ContactCreatedEnvelope) {',
        '        |                       ^',
        '',
        `  src/backend/events.ts:8:23  warning  ${updated}  ignored-events-file`,
        '    > 8 | export async function wixCrm_onContactUpdated(event: contacts.ContactUpdatedEnvelope) {',
        '        |                       ^',
        '',
        '→ velo-events explain ignored-events-file',
        '',
        '⚠ 0 errors, 2 warnings, 0 infos (0 sites, 0 handlers)',
        '',
      ].join('\n'),
    });
  });

  it('check --format json: no site, the two warnings; list: no site, and why', async () => {
    const json = await runCli('check', '--root', APP, '--no-cache', '--format', 'json');
    expect({ code: json.code, stderr: json.stderr, report: JSON.parse(json.stdout) }).toEqual({
      code: 0,
      stderr: '',
      report: {
        schemaVersion: 1,
        root: '.',
        sites: [],
        diagnostics: [
          diagnostic('ignored-events-file', 'warning', 'src/backend/events.ts', 4, 23, created),
          diagnostic('ignored-events-file', 'warning', 'src/backend/events.ts', 8, 23, updated),
        ],
      },
    });
    expect(await runCli('list', '--root', APP, '--no-cache')).toEqual({
      code: 0,
      stderr: '',
      stdout: 'no sites found (a site is a workspace package with wix.config.json; a Wix CLI app is not one)\n',
    });
  });
});

describe('the report cache and ignored events files', () => {
  /** A cached run, whether it analyzed, and a run without any cache to compare with. */
  async function both(root: string): Promise<{ cached: CliRun; fresh: CliRun; analyzedAgain: boolean }> {
    const analyzed = jest.spyOn(aggregateModule, 'aggregate');
    const cached = await runCli('check', '--format', 'json', '--root', root);
    const analyzedAgain = analyzed.mock.calls.length > 0;
    analyzed.mockRestore();
    return { cached, fresh: await runCli('check', '--format', 'json', '--root', root, '--no-cache'), analyzedAgain };
  }

  const changes: [what: string, change: (root: string) => Promise<void>][] = [
    [
      'a new events.ts beside a site events.js',
      (root) => writeFile(path.join(root, 'sites/shop/src/backend/events.ts'), 'export function wixCrm_onContactDeleted(event) {}\n'),
    ],
    [
      'an events.ts that had no handler-shaped export (so no diagnostic) replaced by one of the same size with the old modification time',
      async (root) => {
        const file = path.join(root, 'sites/plain/src/backend/events.ts');
        const text = 'export function formatDate(date: Date): string {\n  return date.toISOString();\n}\nexport const wixCrm_contactCreated = 1;\n';
        await writeFile(`${file}.new`, text.replace('export const wixCrm_contactCreated = 1', 'export const wixCrm_onContactCreated=1'));
        execFileSync('touch', ['-r', file, `${file}.new`]);
        await rename(`${file}.new`, file);
      },
    ],
    [
      'a wix.config.json that makes a site an app',
      (root) => writeFile(path.join(root, 'sites/shop/wix.config.json'), '{ "appId": "00000000-0000-0000-0000-000000000034" }\n'),
    ],
    [
      'a Velo package that gets an events.js beside its events.mjs',
      async (root) => {
        await mkdir(path.join(root, 'libs/crm/backend'), { recursive: true });
        await writeFile(path.join(root, 'libs/crm/backend/events.js'), 'export function wixCrm_onContactCreated(event) {}\n');
      },
    ],
  ];

  it.each(changes)('sees %s', async (_, change) => {
    const root = await copyFixture('aggregate/ignored-events-files');
    const first = await both(root);
    expect(first.cached).toEqual(first.fresh);
    const unchanged = await both(root);
    expect({ analyzedAgain: unchanged.analyzedAgain, cached: unchanged.cached }).toEqual({ analyzedAgain: false, cached: first.fresh });

    await change(root);
    const afterChange = await both(root);
    expect(afterChange.analyzedAgain).toBe(true);
    expect(afterChange.cached).toEqual(afterChange.fresh);
    expect(afterChange.fresh.stdout).not.toBe(first.fresh.stdout);
  });
});

describe('velo-events check --watch and ignored events files', () => {
  it('re-reports when an events.ts that no report depended on changes', async () => {
    const root = await copyFixture('cli/wix-cli-app');
    const eventsTs = path.join(root, 'src/backend/events.ts');
    await writeFile(eventsTs, 'export const RETRIES = 3;\n');
    const reports: string[] = [];
    const stop = new AbortController();
    const io = { stdout: (text: string) => reports.push(text), stderr: () => undefined, color: false };
    const watching = watchCheck({ root, format: 'json' }, io, stop.signal, { debounceMs: 100 });
    try {
      await until(() => reports.length === 1, 'the first report');
      expect(JSON.parse(reports[0]!).diagnostics).toEqual([]);
      await writeFile(eventsTs, 'export function wixCrm_onContactCreated(event) {}\n');
      await until(() => reports.length === 2, 'a report after the change');
      expect(reports[1]).toBe((await runCli('check', '--format', 'json', '--root', root, '--no-cache')).stdout);
      expect(JSON.parse(reports[1]!).diagnostics.map((d: { code: string }) => d.code)).toEqual(['ignored-events-file']);
    } finally {
      stop.abort();
      await watching;
    }
  }, 30_000);
});

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
