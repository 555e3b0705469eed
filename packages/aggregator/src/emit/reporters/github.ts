import type { Diagnostic, Report, Severity } from '../../model';
import { unsaidSuggestion } from './unsaid-suggestion';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one per diagnostic, which GitHub shows as annotations
 * on the file and line of a pull request:
 * `::error file=<path>,line=<l>,col=<c>,title=<code>::<message>`.
 */
export function renderGithub(report: Report): string {
  return report.diagnostics.map((d) => `${commandOf(d)}\n`).join('');
}

function commandOf(d: Diagnostic): string {
  const properties = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `title=${escapeProperty(d.code)}`,
  ].join(',');
  const suggestion = unsaidSuggestion(d);
  const message = suggestion === undefined ? d.message : `${d.message} Did you mean \`${suggestion}\`?`;
  return `::${COMMAND[d.severity]} ${properties}::${escapeData(message)}`;
}

/**
 * The runner's own escaping (actions/toolkit, packages/core/src/command.ts `escapeData`):
 * a newline in a package name must not end the command and start another one
 * (`::add-mask::`, `::stop-commands::`) on the next line.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `escapeProperty` of the same file: `:` and `,` also end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
