import { compareCodePoints } from '../base/compare-code-points';
import type { Diagnostic, Handler, Report, Severity, SiteReport } from '../model';
import { explainCommand } from '../validate/codes';
import { VERSION } from '../base/version';
import { countSeverities, plural } from './summary';
import { unsaidSuggestion } from './reporters/unsaid-suggestion';

export interface HtmlReportOptions {
  /** The velo-events version named in the footer (the running one by default). */
  version?: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * `velo-events report`: the whole report as one self-contained HTML page — inline style and
 * script only, and a Content-Security-Policy that lets the page load nothing else. Every
 * string from the workspace (names, paths, messages) is HTML-escaped; no data is embedded
 * in the script, which only reads the table cells. Deterministic: the same report gives the
 * same bytes (no timestamps, the report's own order).
 */
export function renderHtmlReport(report: Report, options: HtmlReportOptions = {}): string {
  const counts = countSeverities(report.diagnostics);
  const handlerCount = report.sites.reduce((n, s) => n + Object.values(s.events).reduce((m, e) => m + e.handlers.length, 0), 0);
  const summary = [
    plural(report.sites.length, 'site'),
    plural(handlerCount, 'handler'),
    `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}`,
  ].join(' · ');
  const rows = report.diagnostics.length + handlerCount;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>velo-events report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>velo-events report</h1>',
    `<p class="summary">${escapeHtml(summary)}</p>`,
    '<p class="filter"><label for="filter">Filter</label> <input id="filter" type="search" placeholder="event, namespace, file, code…" autocomplete="off" spellcheck="false">',
    ` <span id="shown">${plural(rows, 'row')}</span></p>`,
    '</header>',
    '<main>',
    renderDiagnostics(report.diagnostics),
    ...report.sites.map((site) => renderSite(site, report.diagnostics)),
    report.sites.length === 0 ? '<p class="none">No sites found (a site is a workspace package with wix.config.json).</p>' : '',
    '</main>',
    `<footer>velo-events ${escapeHtml(options.version ?? VERSION)}</footer>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

function renderDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const lines = ['<section class="diagnostics" data-name="diagnostics">', '<h2>Diagnostics</h2>'];
  if (diagnostics.length === 0) {
    lines.push('<p class="none">No diagnostics.</p>', '</section>');
    return lines.join('\n');
  }
  lines.push('<table>', '<thead><tr><th>severity</th><th>location</th><th>message</th><th>code</th></tr></thead>', '<tbody>');
  for (const d of diagnostics) {
    const suggestion = unsaidSuggestion(d);
    const message = richText(d.message) + (suggestion === undefined ? '' : ` <span class="suggestion">did you mean <code>${escapeHtml(suggestion)}</code>?</span>`);
    lines.push(
      `<tr class="${d.severity}"><td>${severityBadge(d.severity)}</td><td class="location">${escapeHtml(locationOf(d))}</td>` +
        `<td>${message}</td><td><code title="${escapeHtml(explainCommand(d.code))}">${escapeHtml(d.code)}</code></td></tr>`,
    );
  }
  // The rule pages ship with the package, not on the web: the page names the command, not a link.
  lines.push('</tbody>', '</table>', `<p class="note"><code>velo-events explain &lt;code&gt;</code> prints a code's rule page.</p>`, '</section>');
  return lines.join('\n');
}

function renderSite(site: SiteReport, diagnostics: readonly Diagnostic[]): string {
  const lines = [
    `<section class="site" data-name="${escapeHtml(site.name)}">`,
    `<h2>${escapeHtml(site.name)} <span class="root">${escapeHtml(site.root)}</span></h2>`,
  ];
  const names = Object.keys(site.events);
  if (names.length === 0) {
    lines.push('<p class="none">No event handlers.</p>', '</section>');
    return lines.join('\n');
  }
  lines.push(
    '<table>',
    '<thead><tr><th>event</th><th>module</th><th>#</th><th>namespace</th><th>handler</th><th>location</th><th>diagnostics</th></tr></thead>',
    '<tbody>',
  );
  for (const name of names) {
    const entry = site.events[name]!;
    const shared = entry.handlers.length > 1;
    entry.handlers.forEach((handler, index) => {
      const own = diagnosticsAt(handler, diagnostics);
      const classes = [shared ? 'shared' : '', own.length > 0 ? own[0]!.severity : ''].filter((c) => c !== '');
      const module = entry.module === null ? '<span class="unknown">not in the Velo catalog</span>' : escapeHtml(entry.module);
      const sharedNote = shared && index === 0 ? ` <span class="badge shared">${entry.handlers.length} handlers</span>` : '';
      lines.push(
        `<tr${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}><td class="event">${escapeHtml(name)}${sharedNote}</td><td>${module}</td>` +
          `<td class="order">${index + 1}</td><td>${escapeHtml(handler.namespace)} <span class="kind">${handler.kind}</span></td>` +
          `<td><code>${escapeHtml(handler.export)}</code>${handler.async ? ' <span class="kind">async</span>' : ''}</td>` +
          `<td class="location">${escapeHtml(locationOf(handler))}</td>` +
          `<td>${own.map((d) => `<span class="badge ${d.severity}" title="${escapeHtml(d.message)}">${escapeHtml(d.code)}</span>`).join(' ')}</td></tr>`,
      );
    });
  }
  lines.push('</tbody>', '</table>', '</section>');
  return lines.join('\n');
}

/**
 * The diagnostics on a handler's line, most severe first: a diagnostic points at the
 * offending name (the function's name, not the `export` keyword where the handler starts),
 * so the line is what they share.
 */
function diagnosticsAt(handler: Handler, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .filter((d) => d.file === handler.file && d.line === handler.line)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.column - b.column || compareCodePoints(a.code, b.code));
}

function severityBadge(severity: Severity): string {
  return `<span class="badge ${severity}">${severity}</span>`;
}

function locationOf(at: { file: string; line: number; column: number }): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** Escaped text whose `backticked` spans become code, as messages quote names that way. */
function richText(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or a quoted attribute value: a name can never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const STYLE = `
:root { color-scheme: light; --error: #b3261e; --error-bg: #fdecea; --warning: #8a5300; --warning-bg: #fff4d6; --info: #1a5fb4; --info-bg: #e8f0fb; --shared: #6b3fa0; --shared-bg: #f4eefb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
header { position: sticky; top: 0; background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 12px 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.summary { margin: 0 0 8px; color: #57606a; }
.filter { margin: 0; }
#filter { font: inherit; padding: 4px 8px; width: 24em; max-width: 100%; border: 1px solid #d0d7de; border-radius: 6px; }
#shown { color: #57606a; margin-left: 8px; }
main { padding: 0 24px 24px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eaeef2; }
th { font-weight: 600; color: #57606a; background: #f6f8fa; }
code, .location { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.location { white-space: nowrap; }
.root, .kind, .unknown { color: #57606a; font-weight: normal; font-size: 12px; }
.unknown { font-style: italic; }
.order { text-align: right; width: 2em; }
.badge { display: inline-block; white-space: nowrap; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.badge.shared { color: var(--shared); background: var(--shared-bg); }
tr.shared td:first-child { box-shadow: inset 4px 0 var(--shared); }
tr.shared { background: var(--shared-bg); }
tr.error { background: var(--error-bg); }
tr.warning { background: var(--warning-bg); }
tr.info { background: var(--info-bg); }
tr.error td:first-child { box-shadow: inset 4px 0 var(--error); }
tr.warning td:first-child { box-shadow: inset 4px 0 var(--warning); }
tr.info td:first-child { box-shadow: inset 4px 0 var(--info); }
.suggestion { color: #57606a; }
.none { color: #57606a; font-style: italic; }
.note { color: #57606a; margin: 8px 0 0; }
[hidden] { display: none !important; }
footer { padding: 8px 24px 24px; color: #57606a; font-size: 12px; }
`;

// Filters rows by the text of their cells and their section's name; a section with no
// matching row is hidden. It reads the page only: no report data lives in the script.
const SCRIPT = `
(function () {
  var input = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var sections = Array.prototype.slice.call(document.querySelectorAll('main section'));
  var total = document.querySelectorAll('main tbody tr').length;
  function apply() {
    var query = input.value.trim().toLowerCase();
    var count = 0;
    sections.forEach(function (section) {
      var name = (section.getAttribute('data-name') || '').toLowerCase();
      var rows = Array.prototype.slice.call(section.querySelectorAll('tbody tr'));
      var visible = 0;
      rows.forEach(function (row) {
        var match = query === '' || (name + ' ' + row.textContent.toLowerCase()).indexOf(query) !== -1;
        row.hidden = !match;
        if (match) visible += 1;
      });
      section.hidden = query !== '' && visible === 0;
      count += visible;
    });
    shown.textContent = query === '' ? total + (total === 1 ? ' row' : ' rows') : count + ' of ' + total + ' rows';
  }
  input.addEventListener('input', apply);
  apply();
})();
`;
