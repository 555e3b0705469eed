import * as path from 'node:path';
import { compareCodePoints } from './compare-code-points';
import { loadConfig, type VeloEventsConfig } from './discover/config';
import { loadModuleGraph } from './discover/load-module-graph';
import { siteMembers } from './discover/membership';
import { discoverWorkspace } from './discover/workspace';
import type { AnalyzedSource } from './merge/analyzed-source';
import { findOrphanPackages } from './merge/find-orphans';
import { mergeSiteTable } from './merge/merge-site-table';
import type { Finding, Report, SiteReport, WorkspacePackage } from './model';
import { isUnreadable, type ModuleGraph } from './resolve/module-graph';
import { createExportResolver } from './resolve/export-resolver';
import { checkLinks, loadsCleanly } from './resolve/link-check';
import { resolveEventsExports } from './resolve/resolve-exports';
import { applyRules } from './validate/apply-rules';
import { builtinCatalog, createCatalog } from './validate/catalog';
import { validateSource } from './validate/validate-source';

export interface AggregateOptions {
  /** The workspace root (absolute, or relative to the current directory). */
  root: string;
  /** A config to use instead of reading `velo-events.config.json`. */
  config?: VeloEventsConfig;
}

export interface Aggregation {
  report: Report;
  packages: WorkspacePackage[];
}

/**
 * The one entry point: discover → analyze → resolve → validate → merge, in that order.
 * The CLI, the Nx plugin and the test harness are thin shells around it. Throws
 * `UsageError` for a bad config or package.json; user code problems become diagnostics.
 */
export async function aggregate(options: AggregateOptions): Promise<Aggregation> {
  const root = path.resolve(options.root);
  const config = options.config ?? (await loadConfig(root));
  const packages = await discoverWorkspace(root, config);
  const catalog = createCatalog([...builtinCatalog().entries, ...config.catalog]);

  const withEvents = packages.filter((p) => p.kind !== 'other' && p.eventsFile !== null);
  const graph = await loadModuleGraph(
    root,
    withEvents.map((p) => p.eventsFile!),
    (file) => sourceRootOf(file, packages),
  );

  const resolver = createExportResolver(graph);
  const links = checkLinks(graph, resolver);
  const findings: Finding[] = [...moduleFindings(graph, withEvents), ...links.findings];
  const analyzed = new Map<string, AnalyzedSource>();
  for (const pkg of packages) {
    if (pkg.kind === 'other') continue;
    let handlers: AnalyzedSource['handlers'] = [];
    if (pkg.eventsFile !== null) {
      const resolved = resolveEventsExports(pkg.eventsFile, resolver);
      const entry = graph.modules.get(pkg.eventsFile);
      const registrations = entry && !isUnreadable(entry) ? entry.sdkRegistrations : [];
      const validated = validateSource(resolved.exports, registrations, catalog);
      findings.push(...resolved.findings, ...validated.findings);
      // A module graph that fails to load or link runs none of its handlers.
      handlers = loadsCleanly(pkg.eventsFile, graph, links.failing) ? validated.handlers : [];
    }
    analyzed.set(pkg.root, { pkg, handlers });
  }

  const sites: SiteReport[] = [];
  const reached = new Set<string>();
  for (const site of packages.filter((p) => p.kind === 'site')) {
    const members = siteMembers(site, packages).map((m) => analyzed.get(m.root)!);
    for (const member of members) reached.add(member.pkg.root);
    const merged = mergeSiteTable(analyzed.get(site.root)!, members, config.order);
    sites.push(merged.report);
    findings.push(...merged.findings);
  }
  const veloPackages = [...analyzed.values()].filter((s) => s.pkg.kind === 'package');
  findings.push(...findOrphanPackages(veloPackages, reached));

  sites.sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.root, b.root));
  return {
    report: { schemaVersion: 1, root: '.', sites, diagnostics: applyRules(findings, config.rules) },
    packages,
  };
}

/** Parse and read errors of every module reached; export-form findings of events files. */
function moduleFindings(graph: ModuleGraph, sources: readonly WorkspacePackage[]): Finding[] {
  const eventsFiles = new Set(sources.map((s) => s.eventsFile));
  const findings: Finding[] = [];
  for (const module of graph.modules.values()) {
    if (isUnreadable(module)) {
      findings.push(module.unreadable);
      continue;
    }
    findings.push(...module.moduleFindings);
    if (eventsFiles.has(module.file)) findings.push(...module.eventsFileFindings);
  }
  return findings;
}

/** The source root of the innermost package holding `file`. */
function sourceRootOf(file: string, packages: readonly WorkspacePackage[]): string {
  let best: WorkspacePackage | null = null;
  let bestDepth = -1;
  for (const pkg of packages) {
    const depth = pkg.root === '.' ? 0 : pkg.root.split('/').length;
    const inside = pkg.root === '.' || file.startsWith(`${pkg.root}/`);
    if (inside && depth > bestDepth) {
      best = pkg;
      bestDepth = depth;
    }
  }
  return best?.sourceRoot ?? '.';
}
