import type { ReportFormat } from '../emit/reporters/formats';
import type { Report } from '../model';
import type { CliIo } from './cli-io';

export const EXIT = { ok: 0, errors: 1, usage: 2, internal: 3 } as const;

export interface CheckReportOptions {
  root: string;
  format: ReportFormat;
  maxWarnings?: number;
  strict?: boolean;
  fixDryRun?: boolean;
}

/**
 * What `check` says about one aggregated report: the report in its format on stdout, the
 * `--max-warnings` excess on stderr. Returns the exit code. `check --watch` prints each
 * re-run through here too, so a re-run says exactly what a fresh `check` would.
 */
export function printCheckReport(aggregated: Report, options: CheckReportOptions, io: CliIo): number {
  const report = options.strict ? strict(aggregated) : aggregated;
  // A pretty dry run prints the diff instead: code frames would show the files on disk, not the fixed text.
  if (!(options.fixDryRun && options.format === 'pretty')) {
    // Loaded here: a run answered from the report cache prints without any reporter.
    if (options.format === 'json') {
      // Chunk by chunk: a large workspace's JSON is tens of megabytes.
      const { writeJson } = require('../emit/reporters/json') as typeof import('../emit/reporters/json');
      writeJson(report, io.stdout);
    } else {
      const { REPORTERS } = require('../emit/reporters') as typeof import('../emit/reporters');
      io.stdout(REPORTERS[options.format](report, { root: options.root, color: io.color }));
    }
  }
  const excess = warningsOverLimit(report, options.maxWarnings);
  if (excess === null) return exitCodeOf(report);
  io.stderr(`velo-events: ${excess}\n`);
  return EXIT.errors;
}

/** Every warning as an error; loaded here, as the reporters are: a cached run renders nothing. */
function strict(report: Report): Report {
  const { strictSeverities } = require('../validate/strict-severities') as typeof import('../validate/strict-severities');
  return strictSeverities(report);
}

export function exitCodeOf(report: Report): number {
  return report.diagnostics.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
}

/** Why the run fails `--max-warnings`, or null; said on stderr so machine formats stay clean. */
function warningsOverLimit(report: Report, limit: number | undefined): string | null {
  if (limit === undefined) return null;
  const { countSeverities, plural } = require('../emit/summary') as typeof import('../emit/summary');
  const warnings = countSeverities(report.diagnostics).warning;
  if (warnings <= limit) return null;
  return `${plural(warnings, 'warning')}, more than --max-warnings ${limit} allows`;
}
