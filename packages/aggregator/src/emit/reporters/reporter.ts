import type { Report } from '../../model';

export interface ReporterOptions {
  /** The workspace root the report's paths are relative to (pretty reads code frames from it). */
  root: string;
  /** Whether the output may hold ANSI colors (only `pretty` uses them). */
  color: boolean;
}

/** A report format: one function from the report to the whole text printed on stdout. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
