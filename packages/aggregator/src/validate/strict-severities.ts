import type { Report } from '../model';

/**
 * `--strict`: every warning becomes an error, in the exit code and in every format, so a
 * CI that reads the SARIF or the annotations sees what failed the build. Infos stay infos.
 * The order is unchanged: diagnostics are sorted by place and code, never by severity.
 */
export function strictSeverities(report: Report): Report {
  return {
    ...report,
    diagnostics: report.diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d)),
  };
}
