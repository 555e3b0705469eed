import { compareCodePoints } from '../compare-code-points';
import type { Diagnostic, DiagnosticCode, Finding, RuleSetting } from '../model';
import { CODES } from './codes';


/**
 * Findings → diagnostics: severity from the config `rules` (default per code), `off`
 * dropped, duplicates removed, sorted by file, line, column, code and message so the same
 * workspace always reports the same bytes (shared/SPEC.md §5).
 */
export function applyRules(
  findings: readonly Finding[],
  rules: Partial<Record<DiagnosticCode, RuleSetting>>,
): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const setting = rules[finding.code] ?? CODES[finding.code].defaultSeverity;
    if (setting === 'off') continue;
    const key = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.code}\0${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { code, file, line, column, message, suggestion } = finding;
    diagnostics.push({
      code,
      severity: setting,
      file,
      line,
      column,
      message,
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
  }
  return diagnostics.sort(
    (a, b) =>
      compareCodePoints(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareCodePoints(a.code, b.code) ||
      compareCodePoints(a.message, b.message),
  );
}
