import pc from 'picocolors';
import type { Diagnostic, Report, Severity } from '../../model';
import { compareCodePoints } from '../../base/compare-code-points';
import { explainCommand } from '../../validate/codes';
import { countSeverities, plural } from '../summary';
import type { ReporterOptions } from './reporter';
import { createSourceFrames } from './source-frames';
import { unsaidSuggestion } from './unsaid-suggestion';

type Colors = ReturnType<typeof pc.createColors>;
type Paint = (text: string) => string;

const DETAIL_INDENT = '    ';

/**
 * For people: diagnostics grouped by file, each as `path:line:column  severity  message
 * code` (the whole path on every line, so terminals and editors make it a link), then the
 * code frame of its line and the suggestion; then, once per code seen, the command that
 * prints its rule page (the pages ship with the package, not on the web); a summary line last.
 */
export function renderPretty(report: Report, options: ReporterOptions): string {
  const colors = pc.createColors(options.color);
  const severityPaint: Record<Severity, Paint> = {
    error: colors.red,
    warning: colors.yellow,
    info: colors.cyan,
  };
  const frameOf = createSourceFrames(options.root, options.color);
  const lines: string[] = [];
  for (const [file, diagnostics] of groupByFile(report.diagnostics)) {
    lines.push(colors.bold(colors.underline(printable(file))));
    const places = diagnostics.map((d) => `${printable(d.file)}:${d.line}:${d.column}`);
    const width = Math.max(...places.map((p) => p.length));
    diagnostics.forEach((d, i) => {
      if (i > 0) lines.push('');
      const severity = severityPaint[d.severity](d.severity.padEnd(7));
      lines.push(`  ${places[i].padEnd(width)}  ${severity}  ${printable(d.message)}  ${colors.dim(d.code)}`);
      const frame = frameOf(d);
      if (frame !== null) lines.push(...frame.split('\n').map((l) => `${DETAIL_INDENT}${l}`));
      const suggestion = unsaidSuggestion(d);
      if (suggestion !== undefined) lines.push(`${DETAIL_INDENT}did you mean \`${colors.bold(printable(suggestion))}\`?`);
    });
    lines.push('');
  }
  const codes = [...new Set(report.diagnostics.map((d) => d.code))].sort(compareCodePoints);
  if (codes.length > 0) lines.push(...codes.map((code) => colors.dim(`→ ${explainCommand(code)}`)), '');
  lines.push(summaryLine(report, colors));
  return `${lines.join('\n')}\n`;
}

/**
 * Names in messages come from users' files and package.json: a newline or a terminal
 * escape sequence in one must not break or forge the report's lines.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The report's diagnostics are sorted by file already; this keeps that order. */
function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const group = groups.get(d.file);
    if (group === undefined) groups.set(d.file, [d]);
    else group.push(d);
  }
  return groups;
}

function summaryLine(report: Report, colors: Colors): string {
  const counts = countSeverities(report.diagnostics);
  const handlers = report.sites.reduce(
    (sum, site) => sum + Object.values(site.events).reduce((n, e) => n + e.handlers.length, 0),
    0,
  );
  const scope = `${plural(report.sites.length, 'site')}, ${plural(handlers, 'handler')}`;
  const parts = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}`;
  if (counts.error > 0) return colors.red(`✖ ${parts} (${scope})`);
  if (counts.warning > 0) return colors.yellow(`⚠ ${parts} (${scope})`);
  return colors.green(`✔ ${parts} (${scope})`);
}
