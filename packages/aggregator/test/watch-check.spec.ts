import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { watchCheck } from '../src/cli/watch-check';

const SHOP = path.join(__dirname, 'fixtures', 'cli', 'shop');

/**
 * A fresh `check` run, as a user would start it after the change. Without the cache: the
 * watcher's cached runs must say what an uncached run says (and two runs in one process
 * would share the cache's temp file name, which has the process id).
 */
async function freshCheck(root: string, ...flags: string[]): Promise<string> {
  let stdout = '';
  await main(['check', '--root', root, '--no-cache', ...flags], { stdout: (t) => (stdout += t), stderr: () => undefined, color: false });
  return stdout;
}

const stderr: string[] = [];

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${stderr.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits for at least one report more than `seen`, then for the burst to settle. */
async function nextReports(reports: string[], seen: number): Promise<string> {
  await until(() => reports.length > seen, `a report after #${seen}`);
  let count = reports.length;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (reports.length === count) return reports[count - 1]!;
    count = reports.length;
  }
}

describe('velo-events check --watch', () => {
  let root: string;
  let stop: AbortController;
  let watching: Promise<void>;
  const reports: string[] = [];

  beforeEach(async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'velo-events-watch-'));
    root = path.join(folder, 'shop');
    // The committed cache in the fixture belongs to the fixture's paths and times, not this copy.
    await cp(SHOP, root, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
    reports.length = 0;
    stderr.length = 0;
    stop = new AbortController();
  });

  afterEach(async () => {
    stop.abort();
    await watching;
    await rm(path.dirname(root), { recursive: true, force: true });
  });

  function startWatch(format: 'pretty' | 'json' = 'pretty'): void {
    const io = { stdout: (text: string) => reports.push(text), stderr: (text: string) => stderr.push(text), color: false };
    watching = watchCheck({ root, format }, io, stop.signal, { debounceMs: 100 });
  }

  it('re-reports after each change exactly as a fresh check would, sees a new package, and stops on abort', async () => {
    startWatch();
    await until(() => reports.length === 1, 'the first report');
    expect(reports[0]).toBe(await freshCheck(root));
    expect(reports[0]).toContain('✖ 1 error, 2 warnings, 0 infos (1 site, 3 handlers)');

    // An events.js changes: the typo and the number are fixed.
    const siteEvents = path.join(root, 'sites/store/src/backend/events.js');
    await writeFile(
      siteEvents,
      "import { helper } from '@shop/loyalty-backend';\n\nexport function wixBilling_onInvoicePaid(event) {\n  return helper(event);\n}\n\nexport function wixBilling_onInvoiceSent(event) {}\n",
    );
    const afterEdit = await nextReports(reports, 1);
    expect(afterEdit).toBe(await freshCheck(root));
    expect(afterEdit).toContain('⚠ 0 errors, 1 warning, 0 infos (1 site, 3 handlers)');

    // A new Velo package appears (an orphan at first), then the site depends on it.
    let seen = reports.length;
    await mkdir(path.join(root, 'libs/crm/backend'), { recursive: true });
    await writeFile(path.join(root, 'libs/crm/backend/events.js'), "export { onPaid as wixBilling_onInvoicePaid } from './paid';\n");
    await writeFile(path.join(root, 'libs/crm/backend/paid.js'), 'export async function onPaid(event) {}\n');
    await writeFile(path.join(root, 'libs/crm/package.json'), '{ "name": "@shop/crm", "private": true }\n');
    const withOrphan = await nextReports(reports, seen);
    expect(withOrphan).toBe(await freshCheck(root));
    expect(withOrphan).toContain('orphan-package');

    seen = reports.length;
    await writeFile(
      path.join(root, 'sites/store/package.json'),
      '{ "name": "store", "private": true, "dependencies": { "@shop/loyalty": "workspace:*", "@shop/crm": "workspace:*" } }\n',
    );
    const withMember = await nextReports(reports, seen);
    expect(withMember).toBe(await freshCheck(root));
    expect(withMember).toContain('2. @shop/crm (libs/crm/backend/paid.js:1:1), 3. @shop/loyalty');

    // A module the new package imports changes: its handler is no longer a function.
    seen = reports.length;
    await writeFile(path.join(root, 'libs/crm/backend/paid.js'), 'export const onPaid = 7;\n');
    const afterImportEdit = await nextReports(reports, seen);
    expect(afterImportEdit).toBe(await freshCheck(root));
    expect(afterImportEdit).not.toBe(withMember);

    // Files that no report depends on do not re-run it.
    seen = reports.length;
    await writeFile(path.join(root, 'README.md'), 'not part of any site\n');
    await mkdir(path.join(root, 'node_modules/x'), { recursive: true });
    await writeFile(path.join(root, 'node_modules/x/events.js'), 'export const x = 1;\n');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(reports.length).toBe(seen);

    stop.abort();
    await expect(watching).resolves.toBeUndefined();
    expect(stderr.every((line) => line === 'velo-events: watching for changes (Ctrl-C to stop)\n')).toBe(true);
  }, 60_000);

  it('says a usage error on stderr and goes on watching until the config is fixed', async () => {
    startWatch('json');
    await until(() => reports.length === 1, 'the first report');
    expect(reports[0]).toBe(await freshCheck(root, '--format', 'json'));

    await writeFile(path.join(root, 'velo-events.config.json'), '{ "rules": { "no-such-rule": "off" } }\n');
    await until(() => stderr.some((line) => line.includes('velo-events.config.json')), 'the config error');
    expect(reports).toHaveLength(1);

    await writeFile(path.join(root, 'velo-events.config.json'), '{ "rules": { "shared-event": "off" } }\n');
    const fixed = await nextReports(reports, 1);
    expect(fixed).toBe(await freshCheck(root, '--format', 'json'));
    expect(fixed).not.toContain('shared-event');
  }, 60_000);

  it('is stopped by an abort before the first report without reporting', async () => {
    stop.abort();
    startWatch();
    await expect(watching).resolves.toBeUndefined();
    expect(reports).toEqual([]);
  });
});
