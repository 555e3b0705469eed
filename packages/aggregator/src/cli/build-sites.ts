import * as path from 'node:path';
import { aggregate, catalogOf, type SiteAggregation } from '../aggregate';
import type { SourceAnalysis } from '../analyze-sources';
import { loadConfig, type VeloEventsConfig } from '../discover/config';
import { readAnalyses } from '../discover/read-analyses';
import { discoverWorkspace } from '../discover/workspace';
import { VERSION } from '../version';
import { configHash } from './analyze-package';
import { renderPretty } from '../emit/reporters/pretty';
import { writeSiteBuild } from '../emit/write-site-build';
import { UsageError } from '../errors';
import { namespaceIdentifier } from '../merge/namespace-identifier';

export interface BuildOptions {
  root: string;
  site?: string[];
  out?: string;
  fromAnalyses?: boolean;
}

export interface BuildResult {
  text: string;
  failed: boolean;
}

/** `velo-events build`: aggregate, then write each selected site's outputs. */
export async function buildSites(options: BuildOptions, color = false): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const aggregation = await aggregate({ root, ...(options.fromAnalyses ? await analysesOf(root) : {}) });
  const selected = selectSites(aggregation.sites, options.site);
  const lines: string[] = [];
  let failed = false;
  for (const build of selected) {
    const errors = build.diagnostics.filter((d) => d.severity === 'error');
    failed ||= errors.length > 0;
    const report = { ...aggregation.report, sites: [build.report], diagnostics: build.diagnostics };
    if (build.diagnostics.length > 0) lines.push(renderPretty(report, { color }).trimEnd());
    // Two sources under one namespace cannot be told apart in generated code.
    if (errors.some((d) => d.code === 'namespace-collision')) {
      lines.push(`${build.report.name}: not built — fix the namespace-collision first`);
      continue;
    }
    const outDir =
      options.out === undefined
        ? path.join(root, build.site.root, 'dist', 'velo-events')
        : path.join(path.resolve(options.out), namespaceIdentifier(build.report.name));
    await writeSiteBuild(root, build, outDir);
    const events = Object.keys(build.report.events).length;
    const handlers = Object.values(build.report.events).reduce((n, e) => n + e.handlers.length, 0);
    const shown = path.relative(process.cwd(), outDir).split(path.sep).join('/') || '.';
    lines.push(
      `${build.report.name}: ${events} events, ${handlers} handlers → ${shown}/dispatch-manifest.json, ${shown}/site/src/backend/events.js`,
    );
  }
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

/** The packages' Nx analysis outputs that are still current; the rest is analyzed afresh. */
async function analysesOf(root: string): Promise<{ config: VeloEventsConfig; analyses: Map<string, SourceAnalysis> }> {
  const config = await loadConfig(root);
  const packages = await discoverWorkspace(root, config);
  const key = { aggregatorVersion: VERSION, catalogHash: catalogOf(config).hash, configHash: configHash(config) };
  return { config, analyses: await readAnalyses(root, packages, key) };
}
