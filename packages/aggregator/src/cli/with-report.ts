import type { Aggregation } from '../aggregate';
import type { CommandOutput } from '../cache/report-cache';
import type { Report } from '../model';
import type { ReportSource } from '../open-report-source';
import { cacheFolderFor, openCacheFor, type CacheOptions } from './cache-options';
import { QUIET, terminalProgress, type Progress } from './terminal/progress';

type ReportOptions = CacheOptions & { format?: string; texts?: ReadonlyMap<string, string> };

/**
 * Aggregates and hands the report to `use`; the cache is written back only after `use`
 * succeeded. The library is loaded on first use: `--help` needs none of it.
 */
export async function withReport(options: ReportOptions, use: (report: Report, aggregation: Aggregation) => void): Promise<void> {
  const { aggregate } = await import('../aggregate');
  const cache = await openCacheFor(options);
  const progress = progressFor(options);
  const aggregation = await aggregate({ root: options.root, cache, onProgress: progress.onProgress, texts: options.texts });
  progress.done();
  use(aggregation.report, aggregation);
  await cache.save();
}

/** What a command prints for a report, and its exit code. */
export type Printed = Omit<CommandOutput, 'key'>;

/**
 * For commands that print from the report alone (check, list): prints what `render`
 * makes of it and returns the exit code. When nothing the last such run read has changed,
 * the report comes from the cache without analyzing anything, and with the same
 * `outputKey` (the options that shape the output) so does the printed output
 * (cache/report-cache). Without the report cache there is nothing to keep the output
 * for, so `printNow` prints it as it is made, when it can (and returns the exit code).
 */
export async function printCachedReport(
  options: ReportOptions,
  outputKey: string,
  render: (report: Report) => Printed,
  print: (printed: Printed) => void,
  printNow: (report: Report) => number = (report) => {
    const printed = render(report);
    print(printed);
    return printed.exitCode;
  },
): Promise<number> {
  const source = await openReportSource(options);
  if (source === null) {
    let exitCode!: number;
    await withReport(options, (report) => (exitCode = printNow(report)));
    return exitCode;
  }
  const output = source.cached?.output(outputKey);
  if (output) {
    print(output);
    return output.exitCode;
  }
  const report = source.cached?.report();
  const fresh = report ? null : await source.compute();
  const printed = render(report ?? fresh!.report);
  print(printed);
  if (fresh) await fresh.save({ key: outputKey, ...printed });
  else await source.cached!.storeOutput({ key: outputKey, ...printed });
  return printed.exitCode;
}

/** The report alone, from the cache when its inputs are unchanged (`report --out`). */
export async function withCachedReport(options: ReportOptions, use: (report: Report) => void): Promise<void> {
  const source = await openReportSource(options);
  if (source === null) return withReport(options, use);
  const report = source.cached?.report();
  if (report) return use(report);
  const fresh = await source.compute();
  use(fresh.report);
  await fresh.save(null);
}

/** null when the report cache does not apply: `--no-cache`, or texts that are not on disk. */
async function openReportSource(options: ReportOptions): Promise<ReportSource | null> {
  const folder = cacheFolderFor(options);
  if (folder === null || options.texts !== undefined) return null;
  const { openReportSource: open } = await import('../open-report-source');
  const source = await open(options.root, folder);
  return {
    ...source,
    // With the progress line the CLI prints.
    async compute() {
      const progress = progressFor(options);
      const fresh = await source.compute(progress.onProgress);
      progress.done();
      return fresh;
    },
  };
}

/** Only people reading a terminal get a progress line; machine formats stay clean. */
function progressFor(options: ReportOptions): Progress {
  return options.format === undefined || options.format === 'pretty' ? terminalProgress(process.stderr) : QUIET;
}
