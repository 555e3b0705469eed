import * as path from 'node:path';
import type { Aggregation } from '../aggregate';
import type { CachedResult, CommandOutput } from '../cache/report-cache';
import type { Report } from '../model';
import { cacheFolderFor, openCacheFor, type CacheOptions } from './cache-options';
import { QUIET, terminalProgress, type Progress } from './progress';

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
 * (discover/report-cache). Without the report cache there is nothing to keep the output
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

interface ReportSource {
  /** The last run's result, when nothing it read has changed. */
  cached: CachedResult | undefined;
  /** Runs the stages; `save` then writes both caches, once the command has succeeded. */
  compute(): Promise<{ report: Report; save(output: CommandOutput | null): Promise<void> }>;
}

/** null when the report cache does not apply: `--no-cache`, or texts that are not on disk. */
async function openReportSource(options: ReportOptions): Promise<ReportSource | null> {
  const folder = cacheFolderFor(options);
  if (folder === null || options.texts !== undefined) return null;
  const root = path.resolve(options.root);
  const [{ configHash, loadConfig }, { discoverWorkspace }, { openReportCache, reportCacheKey }] = await Promise.all([
    import('../workspace/config'),
    import('../workspace/workspace'),
    import('../cache/report-cache'),
  ]);
  const config = await loadConfig(root);
  const reports = openReportCache(folder, root, reportCacheKey(configHash(config)));
  const packages = await discoverWorkspace(root, config, reports.manifests);
  return {
    cached: reports.lookup(packages),
    async compute() {
      const { aggregate } = await import('../aggregate');
      const cache = await openCacheFor(options);
      const progress = progressFor(options);
      const aggregation = await aggregate({ root, config, packages, cache, onProgress: progress.onProgress });
      progress.done();
      const inputs = reports.withDiagnosticFiles(aggregation.inputs, aggregation.report);
      return {
        report: aggregation.report,
        async save(output) {
          await cache.save();
          await reports.store(packages, inputs, aggregation.report, output);
        },
      };
    },
  };
}

/** Only people reading a terminal get a progress line; machine formats stay clean. */
function progressFor(options: ReportOptions): Progress {
  return options.format === undefined || options.format === 'pretty' ? terminalProgress(process.stderr) : QUIET;
}
