import { renderGithub } from './github';
import { renderJson } from './json';
import { renderPretty } from './pretty';
import { REPORT_FORMATS, type ReportFormat } from './formats';
import type { Reporter } from './reporter';
import { renderSarif } from './sarif';

export type { Reporter, ReporterOptions } from './reporter';

/** Every `--format`: a plain map from name to one function (report, options) → text. */
export const REPORTERS = {
  pretty: renderPretty,
  json: renderJson,
  // Not the options: SARIF takes the package's own links (its homepage), which tests set.
  sarif: (report) => renderSarif(report),
  github: renderGithub,
} as const satisfies Record<ReportFormat, Reporter>;

export { REPORT_FORMATS, type ReportFormat };
