/// <reference lib="dom" />
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { aggregate } from '../src/aggregate';
import { renderHtmlReport } from '../src/emit/render-html-report';
import { describeNeeding } from './machine-requirements';

/**
 * The HTML report in a real headless Chromium (issue 7 item 7): Debian's `chromium`
 * package, driven by playwright-core. `.ci/run` installs it when it is missing.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TWO_SITES = path.join(__dirname, 'fixtures', 'html-report', 'two-sites');
const SCREENSHOT = path.join(os.tmpdir(), 'velo-events-html-report.png');
const FILTERED_SCREENSHOT = path.join(os.tmpdir(), 'velo-events-html-report-filtered.png');

/** Why Chromium cannot run here, or null: a real launch, not a check that the file exists. */
function chromiumUnavailable(): string | null {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'velo-events-chromium-probe-'));
  try {
    const probe = spawnSync(CHROMIUM, [...ARGS, `--user-data-dir=${profile}`, '--dump-dom', 'about:blank'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.error) return `${CHROMIUM} could not be started: ${probe.error.message}`;
    if (probe.status !== 0) return `${CHROMIUM} exited with ${probe.status ?? probe.signal}: ${probe.stderr.trim().split('\n').slice(-3).join(' | ')}`;
    return null;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const unavailable = chromiumUnavailable();

// In CI a Chromium that does not start fails the run with its launch error; elsewhere the suite is skipped, saying why.
describeNeeding(unavailable && `${unavailable}. Install it with: apt-get install -y chromium`, 'the HTML report in headless Chromium', () => {
  let folder: string;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'velo-events-browser-'));
    const file = path.join(folder, 'report.html');
    const { report } = await aggregate({ root: TWO_SITES });
    await writeFile(file, renderHtmlReport(report));
    // A new, empty profile each run: nothing from an earlier session can change the page.
    context = await chromium.launchPersistentContext(path.join(folder, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 720 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const rowTexts = (section: string): Promise<string[][]> =>
    page.$$eval(`section[data-name="${section}"] tbody tr:not([hidden])`, (rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => (cell.textContent ?? '').trim())),
    );

  it('shows each site, its events and handlers in run order, and the diagnostics', async () => {
    expect(await page.title()).toBe('velo-events report');
    expect(await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent))).toEqual(['Diagnostics', 'blog sites/blog', 'store sites/store']);
    expect(await rowTexts('blog')).toEqual([['wixBlog_onPostCreated', 'wix-blog-backend', '1', 'blog site', 'wixBlog_onPostCreated async', 'sites/blog/src/backend/events.js:1:1', '']]);
    expect(await rowTexts('store')).toEqual([
      ['wixBiling_onInvoiceSent', 'not in the Velo catalog', '1', 'store site', 'wixBiling_onInvoiceSent', 'sites/store/src/backend/events.js:3:1', 'unknown-module'],
      ['wixBilling_onInvoiceCreated', 'wix-billing-backend', '1', '<img src=x onerror=alert(1)> package', 'wixBilling_onInvoiceCreated', 'libs/evil/backend/events.js:1:1', ''],
      ['wixBilling_onInvoicePaid 2 handlers', 'wix-billing-backend', '1', 'store site', 'wixBilling_onInvoicePaid', 'sites/store/src/backend/events.js:1:1', 'shared-event'],
      ['wixBilling_onInvoicePaid', 'wix-billing-backend', '2', '@shop/loyalty package', 'wixBilling_onInvoicePaid async', 'libs/loyalty/backend/events.js:1:1', ''],
    ]);
    const diagnostics = await rowTexts('diagnostics');
    expect(diagnostics.map(([severity, location, , code]) => [severity, location, code])).toEqual([
      ['warning', 'sites/store/src/backend/events.js:1:1', 'shared-event'],
      ['warning', 'sites/store/src/backend/events.js:3:17', 'unknown-module'],
    ]);
    expect(diagnostics[1]![2]).toBe(
      '`wixBiling_onInvoiceSent`: no Velo module uses the prefix `wixBiling`; Velo never calls this function. Did you mean `wixBilling_onInvoiceSent`?'.replace(/`/g, ''),
    );
    expect(await page.textContent('#shown')).toBe('7 rows');
  });

  it('highlights diagnostics and shared events in their colors', async () => {
    const colors = await page.$$eval('section[data-name="store"] tbody tr', (rows) =>
      rows.map((row) => [row.className, getComputedStyle(row).backgroundColor]),
    );
    expect(colors).toEqual([
      ['warning', 'rgb(255, 244, 214)'],
      ['', 'rgba(0, 0, 0, 0)'],
      ['shared warning', 'rgb(255, 244, 214)'],
      ['shared', 'rgb(244, 238, 251)'],
    ]);
    expect(await page.$eval('.badge.warning', (badge) => getComputedStyle(badge).color)).toBe('rgb(138, 83, 0)');
  });

  it('shows a hostile package name as text: no element, no script ran, nothing fetched', async () => {
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('hides the rows that do not match the filter as you type, and shows them again when it is cleared', async () => {
    await page.locator('#filter').pressSequentially('loyalty');
    expect(await rowTexts('diagnostics')).toHaveLength(1);
    expect((await rowTexts('diagnostics'))[0]![3]).toBe('shared-event');
    expect(await rowTexts('store')).toEqual([
      ['wixBilling_onInvoicePaid', 'wix-billing-backend', '2', '@shop/loyalty package', 'wixBilling_onInvoicePaid async', 'libs/loyalty/backend/events.js:1:1', ''],
    ]);
    expect(await page.$eval('section[data-name="blog"]', (s) => (s as HTMLElement).hidden)).toBe(true);
    expect(await page.isVisible('section[data-name="blog"]')).toBe(false);
    expect(await page.textContent('#shown')).toBe('2 of 7 rows');
    await page.screenshot({ path: FILTERED_SCREENSHOT, fullPage: true });

    // A site's name matches all of its rows.
    await page.locator('#filter').fill('blog');
    expect((await rowTexts('blog')).map((r) => r[0])).toEqual(['wixBlog_onPostCreated']);
    expect(await rowTexts('store')).toEqual([]);

    await page.locator('#filter').fill('');
    expect(await page.textContent('#shown')).toBe('7 rows');
    expect(await rowTexts('store')).toHaveLength(4);
    expect(await page.isVisible('section[data-name="blog"]')).toBe(true);
  });
});
