import * as path from 'node:path';
import { analyzeSources } from './analyze-sources';
import { compareCodePoints } from './base/compare-code-points';
import { UsageError } from './base/errors';
import { configHash, loadConfig, type VeloEventsConfig } from './workspace/config';
import { siteMembers } from './workspace/membership';
import type { ModuleCache } from './cache/module-cache';
import { countsForVelo, discoverWorkspace } from './workspace/workspace';
import type { AnalyzedSource } from './merge/analyzed-source';
import type { ModuleGraph } from './resolve/module-graph';
import { findOrphanPackages } from './merge/find-orphans';
import { mergeSiteTable } from './merge/merge-site-table';
import type { Diagnostic, Finding, Report, RunInputs, SiteReport, SourceAnalysis, WorkspacePackage } from './model';
import { applyRules } from './validate/apply-rules';
import { builtinCatalog, createCatalog, type Catalog } from './validate/catalog';
import { VERSION } from './base/version';
import { readIgnoredEventsFiles } from './sources/read-ignored-events-files';

export interface AggregateOptions {
  /** The workspace root (absolute, or relative to the current directory). */
  root: string;
  /** A config to use instead of reading `velo-events.config.json`. */
  config?: VeloEventsConfig;
  /**
   * Analyses already made for some packages (by package root), e.g. read back from the Nx
   * analysis targets' outputs; those packages are not analyzed again.
   */
  analyses?: ReadonlyMap<string, SourceAnalysis>;
  /**
   * Reuse the analyses the Nx analysis targets left in each package's
   * `dist/velo-events/analysis.json`, where still current (`build --from-analyses`).
   */
  reuseAnalyses?: boolean;
  /**
   * Per-file analysis results of earlier runs (the CLI opens one under
   * `<root>/node_modules/.cache/velo-events` and saves it when the command succeeds).
   */
  cache?: ModuleCache;
  /** The workspace's packages, when the caller has discovered them already (same root and config). */
  packages?: WorkspacePackage[];
  /** With `packages`: what that discovery reported about the workspace's own files (outside-root-pattern). */
  workspaceFindings?: readonly Finding[];
  /** Told how many modules have been read so far (the CLI's progress line). */
  onProgress?: (modulesRead: number) => void;
  /**
   * Texts to analyze instead of some files' contents (workspace-relative POSIX path → text
   * without a BOM): `check --fix-dry-run` reports what its fixes would leave, unwritten.
   */
  texts?: ReadonlyMap<string, string>;
}

/** One site with what `build` needs beyond its report entry. */
export interface SiteAggregation {
  site: WorkspacePackage;
  /** The Velo packages in its table, in run order. */
  members: WorkspacePackage[];
  report: SiteReport;
  /** The diagnostics of its own and its members' files, and of its table. */
  diagnostics: Diagnostic[];
  /** Content hashes of every module its handlers come from. */
  sources: SourceAnalysis['sources'];
}

export interface Aggregation {
  report: Report;
  packages: WorkspacePackage[];
  sites: SiteAggregation[];
  /**
   * The diagnostics of the workspace's own files (package.json, pnpm-workspace.yaml, the
   * config), which belong to no site: `build` shows them once, apart from each site's.
   */
  workspaceDiagnostics: Diagnostic[];
  /** Each site's and Velo package's own analysis, by package root. */
  analyses: ReadonlyMap<string, SourceAnalysis>;
  inputs: RunInputs;
}

/**
 * The one entry point: discover → analyze → resolve → validate → merge, in that order.
 * The CLI, the Nx plugin and the test harness are thin shells around it. Throws
 * `UsageError` for a bad config or package.json; user code problems become diagnostics.
 */
export async function aggregate(options: AggregateOptions): Promise<Aggregation> {
  const root = path.resolve(options.root);
  const config = options.config ?? (await loadConfig(root));
  const workspaceFindings: Finding[] = [...(options.workspaceFindings ?? [])];
  const packages =
    options.packages ?? (await discoverWorkspace(root, config, { onFinding: (finding) => workspaceFindings.push(finding) }));
  // Handler files Velo never reads are reported even where they are all there is (SPEC §2).
  if (!packages.some((p) => countsForVelo(p) || p.ignoredEventsFiles)) {
    const { describeEmptyWorkspace } = await import('./workspace/describe-empty-workspace');
    throw new UsageError(await describeEmptyWorkspace(root, packages, config, workspaceFindings));
  }
  const catalog = catalogOf(config);

  const sources = packages.filter((p) => p.kind !== 'other');
  const given = new Map<string, SourceAnalysis>(options.analyses ?? []);
  if (options.reuseAnalyses) {
    const key = { aggregatorVersion: VERSION, catalogHash: catalog.hash, configHash: configHash(config) };
    const { readAnalyses } = await import('./cache/read-analyses');
    for (const [packageRoot, analysis] of await readAnalyses(root, packages, key)) {
      if (!given.has(packageRoot)) given.set(packageRoot, analysis);
    }
  }
  // Taken from each part of the graph at once: the graph (every module's facts) is not kept.
  const read = new ReadInputs();
  const analyses = await analyzeSources(root, packages, sources.filter((p) => !given.has(p.root)), catalog, {
    cache: options.cache,
    onProgress: options.onProgress,
    texts: options.texts,
    onGraph: (graph) => read.add(graph),
  });
  const ignored = await readIgnoredEventsFiles(root, packages, options.texts);
  read.addFiles(ignored.files, ignored.everyFileStamped);
  const inputs = read.inputs(given.size === 0 && options.texts === undefined);
  for (const [packageRoot, analysis] of given) analyses.set(packageRoot, analysis);

  const findings: Finding[] = [...workspaceFindings, ...sources.flatMap((p) => analyses.get(p.root)?.findings ?? [])];
  for (const packageFindings of ignored.findings.values()) findings.push(...packageFindings);
  const analyzed = new Map<string, AnalyzedSource>(
    sources.map((pkg) => [pkg.root, { pkg, handlers: analyses.get(pkg.root)?.handlers ?? [] }]),
  );

  const sites: SiteAggregation[] = [];
  const reached = new Set<string>();
  for (const site of sources.filter((p) => p.kind === 'site')) {
    const members = siteMembers(site, packages).filter((m) => m.kind === 'package');
    for (const member of members) reached.add(member.root);
    const merged = mergeSiteTable(analyzed.get(site.root)!, members.map((m) => analyzed.get(m.root)!), config.order);
    findings.push(...merged.findings);
    sites.push(siteAggregation(site, merged, analyses, ignored.findings, config.rules));
  }
  const veloPackages = [...analyzed.values()].filter((s) => s.pkg.kind === 'package');
  findings.push(...findOrphanPackages(veloPackages, reached));

  sites.sort((a, b) => compareCodePoints(a.report.name, b.report.name) || compareCodePoints(a.site.root, b.site.root));
  return {
    report: {
      schemaVersion: 1,
      root: '.',
      sites: sites.map((s) => s.report),
      diagnostics: applyRules(findings, config.rules),
    },
    packages,
    sites,
    workspaceDiagnostics: applyRules(workspaceFindings, config.rules),
    analyses,
    inputs,
  };
}

/**
 * What the run read from disk, gathered from the parts of the module graph, for a later run
 * to tell whether its result still holds.
 */
class ReadInputs {
  private readonly files: RunInputs['files'] = [];
  private readonly resolutions: RunInputs['resolutions'] = [];
  /** Modules two groups reach come twice: their stamps and resolutions are taken once. */
  private readonly stamped = new Set<string>();
  private readonly importers = new Set<string>();
  private everyModuleStamped = true;

  add(graph: ModuleGraph): void {
    for (const [file, stamp] of graph.stamps) {
      if (this.stamped.has(file)) continue;
      this.stamped.add(file);
      this.files.push([file, stamp.size, stamp.ctimeMs]);
    }
    for (const [importer, specifiers] of graph.specifiers) {
      if (this.importers.has(importer)) continue;
      this.importers.add(importer);
      for (const [specifier, target] of specifiers) this.resolutions.push([importer, specifier, target]);
    }
    // An unreadable file has no stamp to compare: the next run reads it again.
    if (graph.stamps.size !== graph.modules.size) this.everyModuleStamped = false;
  }

  /** Files read outside the module graph (the ignored events files). */
  addFiles(files: RunInputs['files'], everyFileStamped: boolean): void {
    for (const stamped of files) {
      if (this.stamped.has(stamped[0])) continue;
      this.stamped.add(stamped[0]);
      this.files.push(stamped);
    }
    if (!everyFileStamped) this.everyModuleStamped = false;
  }

  inputs(onlyFromDisk: boolean): RunInputs {
    return { files: this.files, resolutions: this.resolutions, reusable: onlyFromDisk && this.everyModuleStamped };
  }
}

/**
 * A site's diagnostics and source hashes are made when first read: a build reads them,
 * `check` never does (its report holds every diagnostic once). Made at once, they were a
 * second copy of every diagnostic of the site's packages, held through the output: ~33,000
 * at 10,000 packages (`npm run bench`).
 */
function siteAggregation(
  site: WorkspacePackage,
  merged: ReturnType<typeof mergeSiteTable>,
  analyses: ReadonlyMap<string, SourceAnalysis>,
  ignoredFindings: ReadonlyMap<string, Finding[]>,
  rules: VeloEventsConfig['rules'],
): SiteAggregation {
  const own = (): WorkspacePackage[] => [site, ...merged.members];
  let diagnostics: Diagnostic[] | undefined;
  let sources: SourceAnalysis['sources'] | undefined;
  return {
    site,
    members: merged.members,
    report: merged.report,
    get diagnostics() {
      diagnostics ??= applyRules(
        [...own().flatMap((p) => [...(analyses.get(p.root)?.findings ?? []), ...(ignoredFindings.get(p.root) ?? [])]), ...merged.findings],
        rules,
      );
      return diagnostics;
    },
    get sources() {
      sources ??= own()
        .flatMap((p) => analyses.get(p.root)?.sources ?? [])
        .sort((a, b) => compareCodePoints(a.file, b.file));
      return sources;
    },
  };
}

export function catalogOf(config: VeloEventsConfig): Catalog {
  return createCatalog([...builtinCatalog().entries, ...config.catalog]);
}
