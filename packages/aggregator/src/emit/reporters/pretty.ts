import pc from 'picocolors';
import type { Diagnostic, Report, Severity } from '../../model';
import { docUrl } from '../../validate/codes';
import { countSeverities, plural } from '../summary';

export interface PrettyOptions {
  color: boolean;
}

type Paint = (text: string) => string;

/** Diagnostics grouped by file, one line each, then a summary line. */
export function renderPretty(report: Report, options: PrettyOptions): string {
  const colors = pc.createColors(options.color);
  const severityPaint: Record<Severity, Paint> = {
    error: colors.red,
    warning: colors.yellow,
    info: colors.cyan,
  };
  const lines: string[] = [];
  let currentFile: string | null = null;
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.file !== currentFile) {
      if (currentFile !== null) lines.push('');
      currentFile = diagnostic.file;
      lines.push(colors.underline(printable(diagnostic.file)));
    }
    lines.push(renderDiagnostic(diagnostic, severityPaint[diagnostic.severity], colors.dim));
  }
  if (lines.length > 0) lines.push('');
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

function renderDiagnostic(d: Diagnostic, paint: Paint, dim: Paint): string {
  const position = `${d.line}:${d.column}`.padEnd(8);
  const suggestion =
    d.suggestion !== undefined && !d.message.includes(d.suggestion)
      ? `\n${' '.repeat(12)}did you mean \`${d.suggestion}\`?`
      : '';
  return `  ${position}${paint(d.severity.padEnd(8))}${printable(d.message)}  ${dim(d.code)}${suggestion}\n${' '.repeat(12)}${dim(docUrl(d.code))}`;
}

function summaryLine(report: Report, colors: ReturnType<typeof pc.createColors>): string {
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
