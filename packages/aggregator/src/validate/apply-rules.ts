import { compareCodePoints } from '../base/compare-code-points';
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
  const kept: Diagnostic[] = [];
  for (const { code, file, line, column, message, suggestion } of findings) {
    const severity = rules[code] ?? CODES[code].defaultSeverity;
    if (severity === 'off') continue;
    kept.push({ code, severity, file, line, column, message, ...(suggestion !== undefined ? { suggestion } : {}) });
  }
  kept.sort(byPlace);
  // Equal findings (a helper module reached from two events files) sort next to each other.
  return kept.filter((diagnostic, index) => index === 0 || byPlace(kept[index - 1]!, diagnostic) !== 0);
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  return (
    compareCodePoints(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareCodePoints(a.code, b.code) ||
    compareCodePoints(a.message, b.message)
  );
}
