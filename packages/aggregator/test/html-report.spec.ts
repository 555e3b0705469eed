import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { aggregate } from '../src/aggregate';
import { main } from '../src/cli/main';
import { escapeHtml, renderHtmlReport } from '../src/emit/render-html-report';
import type { Report } from '../src/model';

const TWO_SITES = path.join(__dirname, 'fixtures', 'html-report', 'two-sites');
const EVIL = '<img src=x onerror=alert(1)>';

/** One site, one shared event, one diagnostic on a handler's line and one elsewhere. */
const SMALL: Report = {
  schemaVersion: 1,
  root: '.',
  sites: [
    {
      name: 'store',
      root: 'sites/store',
      events: {
        wixBilling_onInvoicePaid: {
          module: 'wix-billing-backend',
          event: 'onInvoicePaid',
          handlers: [
            { namespace: 'store', kind: 'site', export: 'wixBilling_onInvoicePaid', file: 'sites/store/src/backend/events.js', line: 1, column: 1, async: false },
            { namespace: EVIL, kind: 'package', export: 'wixBilling_onInvoicePaid', file: 'libs/evil/backend/events.js', line: 2, column: 1, async: true },
          ],
        },
      },
    },
  ],
  diagnostics: [
    {
      code: 'shared-event',
      severity: 'warning',
      file: 'sites/store/src/backend/events.js',
      line: 1,
      column: 1,
      message: '`wixBilling_onInvoicePaid` has 2 handlers in site store',
    },
    {
      code: 'parse-error',
      severity: 'error',
      file: 'libs/evil/backend/helpers.js',
      line: 4,
      column: 9,
      message: 'unexpected `</script><script>alert(2)</script>` & "quotes"',
      suggestion: 'x<y',
    },
  ],
};

function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  return html.slice(from, html.indexOf(end, from) + end.length);
}

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(SMALL, { version: '9.9.9' });

  it("renders each site's table: events, handlers in run order with namespace, kind and location, conflicts and diagnostics marked", () => {
    expect(between(html, '<section class="site"', '</section>')).toBe(
      [
        '<section class="site" data-name="store">',
        '<h2>store <span class="root">sites/store</span></h2>',
        '<table>',
        '<thead><tr><th>event</th><th>module</th><th>#</th><th>namespace</th><th>handler</th><th>location</th><th>diagnostics</th></tr></thead>',
        '<tbody>',
        '<tr class="shared warning"><td class="event">wixBilling_onInvoicePaid <span class="badge shared">2 handlers</span></td><td>wix-billing-backend</td>' +
          '<td class="order">1</td><td>store <span class="kind">site</span></td><td><code>wixBilling_onInvoicePaid</code></td>' +
          '<td class="location">sites/store/src/backend/events.js:1:1</td>' +
          '<td><span class="badge warning" title="`wixBilling_onInvoicePaid` has 2 handlers in site store">shared-event</span></td></tr>',
        '<tr class="shared"><td class="event">wixBilling_onInvoicePaid</td><td>wix-billing-backend</td>' +
          '<td class="order">2</td><td>&lt;img src=x onerror=alert(1)&gt; <span class="kind">package</span></td>' +
          '<td><code>wixBilling_onInvoicePaid</code> <span class="kind">async</span></td>' +
          '<td class="location">libs/evil/backend/events.js:2:1</td><td></td></tr>',
        '</tbody>',
        '</table>',
        '</section>',
      ].join('\n'),
    );
  });

  it('lists every diagnostic with its severity, location, escaped message, suggestion and code, and how to read its page', () => {
    expect(between(html, '<section class="diagnostics"', '</section>')).toBe(
      [
        '<section class="diagnostics" data-name="diagnostics">',
        '<h2>Diagnostics</h2>',
        '<table>',
        '<thead><tr><th>severity</th><th>location</th><th>message</th><th>code</th></tr></thead>',
        '<tbody>',
        '<tr class="warning"><td><span class="badge warning">warning</span></td><td class="location">sites/store/src/backend/events.js:1:1</td>' +
          '<td><code>wixBilling_onInvoicePaid</code> has 2 handlers in site store</td><td><code title="velo-events explain shared-event">shared-event</code></td></tr>',
        '<tr class="error"><td><span class="badge error">error</span></td><td class="location">libs/evil/backend/helpers.js:4:9</td>' +
          '<td>unexpected <code>&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</code> &amp; &quot;quotes&quot; <span class="suggestion">did you mean <code>x&lt;y</code>?</span></td>' +
          '<td><code title="velo-events explain parse-error">parse-error</code></td></tr>',
        '</tbody>',
        '</table>',
        "<p class=\"note\"><code>velo-events explain &lt;code&gt;</code> prints a code's rule page.</p>",
        '</section>',
      ].join('\n'),
    );
  });

  it('has a summary, the filter and the version, and is self-contained', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain('<p class="summary">1 site · 2 handlers · 1 error, 1 warning, 0 infos</p>');
    expect(html).toContain('<input id="filter" type="search"');
    expect(html).toContain('<span id="shown">4 rows</span>');
    expect(html).toContain('<footer>velo-events 9.9.9</footer>');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`);
    // Links to nothing: the rule pages are not on the web (issue #24).
    expect(html.match(/<a\s|github\.com\/velo-events/g)).toBeNull();
    // Nothing is fetched: no element with a src attribute, no stylesheet link, no @import or url().
    expect(html.match(/<[a-z][^<>]*\ssrc=|<link|@import|url\(/gi)).toBeNull();
    // One script element, and user text never closes it or opens another.
    expect(html.match(/<script>/g)).toEqual(['<script>']);
    expect(html.match(/<\/script>/g)).toEqual(['</script>']);
    expect(html.endsWith('</script>\n</body>\n</html>\n')).toBe(true);
  });

  it('is deterministic: the same report gives the same bytes', () => {
    expect(renderHtmlReport(structuredClone(SMALL), { version: '9.9.9' })).toBe(html);
  });

  it('says when there are no sites and no diagnostics', () => {
    const empty = renderHtmlReport({ schemaVersion: 1, root: '.', sites: [], diagnostics: [] }, { version: '1' });
    expect(empty).toContain('<h2>Diagnostics</h2>\n<p class="none">No diagnostics.</p>\n</section>\n<p class="none">No sites found (a site is a workspace package with wix.config.json).</p>\n</main>');
    expect(empty).toContain('<span id="shown">0 rows</span>');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('velo-events report --out', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'velo-events-report-'));
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
    return { code, stdout, stderr };
  }

  it('writes the rendered page of the workspace atomically (no temp file left) and shows a hostile package name as text', async () => {
    const file = path.join(out, 'nested', 'report.html');
    expect(await run('report', '--root', TWO_SITES, '--out', file, '--no-cache')).toEqual({ code: 0, stdout: `wrote ${file}\n`, stderr: '' });
    const html = await readFile(file, 'utf8');
    const { report } = await aggregate({ root: TWO_SITES });
    expect(html).toBe(renderHtmlReport(report));
    expect(await readdir(path.dirname(file))).toEqual(['report.html']);
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt; <span class="kind">package</span></td>');
    expect(html).not.toContain(EVIL);

    // Same input, same bytes.
    expect(await run('report', '--root', TWO_SITES, '--out', file, '--no-cache')).toMatchObject({ code: 0 });
    expect(await readFile(file, 'utf8')).toBe(html);
  });

  it('is a usage error without --out', async () => {
    expect(await run('report', '--root', TWO_SITES)).toEqual({
      code: 2,
      stdout: '',
      stderr: "velo-events: required option '--out <file>' not specified (see velo-events --help)\n",
    });
  });
});
