import * as path from 'node:path';
import type { Aggregation } from './aggregate';
import type { CachedResult, CommandOutput } from './cache/report-cache';
import type { ModuleCache } from './cache/module-cache';
import type { Finding, Report, WorkspacePackage } from './model';
import type { VeloEventsConfig } from './workspace/config';

export interface ReportSource {
  /** The workspace's config and packages, as this source found them (discovery runs once). */
  config: VeloEventsConfig;
  packages: WorkspacePackage[];
  /** What discovery reported about the workspace's own files (outside-root-pattern). */
  workspaceFindings: Finding[];
  /** The last run's result, when nothing it read has changed. */
  cached: CachedResult | undefined;
  /** Runs the stages; `save` then writes both caches, once the caller has used the result. */
  compute(onProgress?: (modulesRead: number) => void): Promise<{
    report: Report;
    aggregation: Aggregation;
    save(output: CommandOutput | null): Promise<void>;
  }>;
}

/**
 * The workspace's report from the report cache in `cacheFolder` when every input of the last
 * run still holds (cache/report-cache), else a way to compute it with the module cache and
 * keep it for the next caller. Shared by the CLI's report commands and the ESLint rules, so
 * an editor and a terminal fill one cache. Modules are loaded on first use: `--help` and a
 * cache hit need few of them.
 */
export async function openReportSource(root: string, cacheFolder: string): Promise<ReportSource> {
  const absoluteRoot = path.resolve(root);
  const [{ loadConfig }, { discoverWorkspace }, { openReportCache, reportCacheKey }, { canonicalJson }] = await Promise.all([
    import('./workspace/config'),
    import('./workspace/workspace'),
    import('./cache/report-cache'),
    import('./base/canonical-json'),
  ]);
  const config = await loadConfig(absoluteRoot);
  const reports = openReportCache(cacheFolder, absoluteRoot, reportCacheKey(canonicalJson(config)));
  const workspaceFindings: Finding[] = [];
  const packages = await discoverWorkspace(absoluteRoot, config, {
    manifests: reports.manifests,
    onFinding: (finding) => workspaceFindings.push(finding),
  });
  return {
    config,
    packages,
    workspaceFindings,
    cached: reports.lookup(packages, workspaceFindings),
    async compute(onProgress) {
      const [{ aggregate }, { openModuleCache }] = await Promise.all([import('./aggregate'), import('./cache/module-cache')]);
      const cache: ModuleCache = await openModuleCache(cacheFolder);
      const aggregation = await aggregate({ root: absoluteRoot, config, packages, workspaceFindings, cache, onProgress });
      const inputs = reports.withDiagnosticFiles(aggregation.inputs, aggregation.report);
      return {
        report: aggregation.report,
        aggregation,
        async save(output) {
          await cache.save();
          await reports.store(packages, workspaceFindings, inputs, aggregation.report, output);
        },
      };
    },
  };
}
