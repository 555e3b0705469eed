import type { Aggregation } from '../aggregate';
import type { Report } from '../model';
import { openCacheFor, type CacheOptions } from './cache-options';
import { QUIET, terminalProgress } from './progress';

/**
 * Aggregates and hands the report to `use`; the cache is written back only after `use`
 * succeeded. The library is loaded on first use: `--help` needs none of it.
 */
export async function withReport(
  options: CacheOptions & { format?: string; texts?: ReadonlyMap<string, string> },
  use: (report: Report, aggregation: Aggregation) => void,
): Promise<void> {
  const { aggregate } = await import('../aggregate');
  const cache = await openCacheFor(options);
  // Only people reading a terminal get a progress line; machine formats stay clean.
  const progress = options.format === undefined || options.format === 'pretty' ? terminalProgress(process.stderr) : QUIET;
  const aggregation = await aggregate({ root: options.root, cache, onProgress: progress.onProgress, texts: options.texts });
  progress.done();
  use(aggregation.report, aggregation);
  await cache.save();
}
