import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { aggregate, type SiteAggregation } from '../aggregate';
import { fileSystemErrorCode } from '../fs/file-system-error-code';
import { openCacheFor } from './cache-options';
import { renderPretty } from '../emit/reporters/pretty';
import { planSiteBuild, writeSiteBuild, type SiteBuildPlan } from '../emit/site-build/write-site-build';
import { plural } from '../emit/summary';
import { UsageError } from '../base/errors';
import { namespaceIdentifier } from '../merge/namespace-identifier';

export interface BuildOptions {
  root: string;
  site?: string[];
  out?: string;
  fromAnalyses?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

export interface BuildResult {
  text: string;
  failed: boolean;
}

/** `velo-events build`: aggregate, then write each selected site's outputs. */
export async function buildSites(options: BuildOptions, color = false): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const cache = await openCacheFor({ ...options, root });
  const aggregation = await aggregate({
    root,
    cache,
    reuseAnalyses: options.fromAnalyses === true,
  });
  const selected = selectSites(aggregation.sites, options.site);
  const lines: string[] = [];
  // The workspace's own files (a pattern outside the root) concern every site: said once, first.
  const { workspaceDiagnostics } = aggregation;
  let failed = workspaceDiagnostics.some((d) => d.severity === 'error');
  if (workspaceDiagnostics.length > 0) {
    const report = { ...aggregation.report, sites: selected.map((s) => s.report), diagnostics: workspaceDiagnostics };
    lines.push(renderPretty(report, { root, color }).trimEnd());
  }
  const plans: { build: SiteAggregation; plan: SiteBuildPlan }[] = [];
  const outDirs = new Map<string, string>();
  for (const build of selected) {
    const errors = build.diagnostics.filter((d) => d.severity === 'error');
    failed ||= errors.length > 0;
    const report = { ...aggregation.report, sites: [build.report], diagnostics: build.diagnostics };
    if (build.diagnostics.length > 0) lines.push(renderPretty(report, { root, color }).trimEnd());
    // Two sources under one namespace cannot be told apart in generated code.
    if (errors.some((d) => d.code === 'namespace-collision')) {
      lines.push(`${build.report.name}: not built — fix the namespace-collision first`);
      continue;
    }
    const outDir =
      options.out === undefined
        ? path.join(root, build.site.root, 'dist', 'velo-events')
        : path.join(path.resolve(options.out), namespaceIdentifier(build.report.name));
    const other = outDirs.get(outDir);
    if (other !== undefined) {
      throw new UsageError(`sites ${other} and ${build.report.name} would both write to ${shown(outDir)}; build them with different --out folders`);
    }
    outDirs.set(outDir, build.report.name);
    await requireWritableLocation(outDir);
    // Every site is planned before any is written: a usage error writes nothing.
    plans.push({ build, plan: await planSiteBuild(root, build, outDir) });
  }
  for (const { build, plan } of plans) {
    try {
      await writeSiteBuild(plan);
    } catch (error) {
      // The file system refused (a read-only or pseudo file system, a full disk, no
      // permission): the user's environment, not a bug — say where, in one line.
      if (fileSystemErrorCode(error) === undefined) throw error;
      const reason = (error as { message?: unknown }).message;
      throw new UsageError(`cannot write ${build.report.name}'s build output to ${shown(plan.outDir)}: ${reason}`, { cause: error });
    }
    const events = Object.keys(build.report.events).length;
    const handlers = Object.values(build.report.events).reduce((n, e) => n + e.handlers.length, 0);
    const out = shown(plan.outDir);
    lines.push(
      `${build.report.name}: ${plural(events, 'event')}, ${plural(handlers, 'handler')} → ${out}/dispatch-manifest.json, ${out}/site/src/backend/events.js`,
    );
  }
  await cache.save();
  return { text: `${lines.join('\n')}\n`, failed };
}

function selectSites(sites: SiteAggregation[], names: string[] | undefined): SiteAggregation[] {
  if (names === undefined) return sites;
  const unknown = names.filter((name) => !sites.some((s) => s.report.name === name));
  if (unknown.length > 0) {
    const known = sites.map((s) => s.report.name).join(', ') || 'none';
    throw new UsageError(`unknown site '${unknown[0]}' (sites: ${known})`);
  }
  return sites.filter((s) => names.includes(s.report.name));
}

/**
 * Refuses, before anything is written, an output folder that is a file or lies below one
 * (`--out` naming a file): replacing it would delete the user's file, and creating it
 * fails. Other refusals (a read-only file system) surface when writing.
 */
async function requireWritableLocation(outDir: string): Promise<void> {
  for (let dir = outDir; ; dir = path.dirname(dir)) {
    const info = await stat(dir).catch((error: unknown) => {
      const code = fileSystemErrorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    });
    if (info?.isDirectory()) return;
    if (info) {
      const what = info.isFile() ? 'a file, not a folder' : 'not a folder';
      throw new UsageError(`cannot write the build output to ${shown(outDir)}: ${dir === outDir ? 'it' : shown(dir)} is ${what}`);
    }
    if (path.dirname(dir) === dir) return;
  }
}

function shown(dir: string): string {
  return path.relative(process.cwd(), dir).split(path.sep).join('/') || '.';
}
