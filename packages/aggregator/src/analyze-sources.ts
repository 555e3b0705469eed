import { compareCodePoints } from './base/compare-code-points';
import { textCopier } from './analyze/detached-string';
import { flattened } from './base/flattened';
import { lateEventReader } from './sources/late-event-reads';
import { loadModuleGraph } from './sources/load-module-graph';
import { adaptiveAnalyzer } from './sources/module-analyzer';
import { NO_CACHE, type ModuleCache } from './cache/module-cache';
import { sourceRootFinder } from './workspace/source-root-finder';
import type { Finding, SourceAnalysis, WorkspacePackage } from './model';
import { checkLinks, loadsCleanly } from './resolve/link-check';
import { isUnreadable, staticClosure, type ModuleGraph } from './resolve/module-graph';
import { createExportResolver, type ExportResolver } from './resolve/export-resolver';
import { resolveEventsExports, type ResolvedEvents } from './resolve/resolve-exports';
import type { Catalog } from './validate/catalog';
import { validateSource } from './validate/validate-source';

/**
 * Analyzes the events files of `targets` (sites and Velo packages) over one shared module
 * graph. Each analysis holds only the findings of its own static module graph, so it can
 * be computed for one package alone (the Nx analysis target) and merged later.
 */
export interface AnalyzeSourcesOptions {
  cache?: ModuleCache;
  onProgress?: (modulesRead: number) => void;
  /** Texts to analyze instead of some files' contents (workspace-relative path → text). */
  texts?: ReadonlyMap<string, string>;
  /**
   * Given each part of the module graph once it is loaded (one part per group of up to
   * PACKAGES_PER_GROUP packages): which files were read, how imports resolved. A module two
   * groups reach is in both parts.
   */
  onGraph?: (graph: ModuleGraph) => void;
}

/**
 * Packages are analyzed this many at a time over the module graph of their events files,
 * which is then let go: only their analyses stay. Every module's facts at once held ~4.3 KB
 * a module, ~86 MB of live heap at 10,000 packages (`npm run bench`), for no reader: a
 * package's analysis reads only its own static closure. A module packages of two groups
 * import is read and analyzed once per group, with the same result. Smaller groups hold
 * less garbage at a time (a group's module facts outlive young-generation collections, and
 * wait in old space for a full one) and may cost a little time (each wave waits once for
 * its first files). At 10,000 packages, medians of 6 paired runs: peak RSS 255 MB with groups
 * of 250, 249 with 125, 244 with 100; time the same with 125, +4 % with 100 (and +5 % at
 * 1,000 packages). An earlier build: 287 MB with 1,000, 252 with 500.
 */
export const DEFAULT_PACKAGES_PER_GROUP = 125;

/** `VELO_EVENTS_PACKAGES_PER_GROUP` moves it (the determinism tests). */
export const PACKAGES_PER_GROUP = Number(process.env['VELO_EVENTS_PACKAGES_PER_GROUP']) || DEFAULT_PACKAGES_PER_GROUP;

export async function analyzeSources(
  root: string,
  packages: readonly WorkspacePackage[],
  targets: readonly WorkspacePackage[],
  catalog: Catalog,
  { cache = NO_CACHE, onProgress, texts, onGraph }: AnalyzeSourcesOptions = {},
): Promise<Map<string, SourceAnalysis>> {
  const withEvents = targets.filter((p) => p.eventsFile !== null);
  const analyzer = adaptiveAnalyzer();
  // A cold run over many files: let the workers load the parser while we read.
  if (cache.isEmpty) analyzer.prewarm(withEvents.length * 2);
  const sourceRootOf = sourceRootFinder(packages);
  const analyzed = new Map<string, SourceAnalysis>();
  let modulesRead = 0;
  const copyText = textCopier();
  // Groups of equal size: 1,001 packages are two groups of 501, not 1,000 and a lone one.
  const groupSize = Math.ceil(withEvents.length / Math.ceil(withEvents.length / PACKAGES_PER_GROUP));
  try {
    for (let start = 0; start < withEvents.length; start += groupSize) {
      const group = withEvents.slice(start, start + groupSize);
      const graph = await loadModuleGraph(
        root,
        group.map((p) => p.eventsFile!),
        sourceRootOf,
        analyzer,
        cache,
        onProgress && ((read) => onProgress(modulesRead + read)),
        texts,
      );
      modulesRead += graph.modules.size;
      onGraph?.(graph);
      const readsElsewhere = lateEventReader(root, graph, texts ?? new Map());
      for (const [packageRoot, analysis] of analyzeGroup(group, graph, catalog, copyText, readsElsewhere)) analyzed.set(packageRoot, analysis);
    }
  } finally {
    await analyzer.close();
  }
  const analyses = new Map<string, SourceAnalysis>();
  for (const pkg of targets) {
    analyses.set(pkg.root, analyzed.get(pkg.root) ?? { root: pkg.root, handlers: [], findings: [], sources: [] });
  }
  return analyses;
}

/** The analyses of packages with an events file, over a graph that holds their closures. */
function analyzeGroup(
  group: readonly WorkspacePackage[],
  graph: ModuleGraph,
  catalog: Catalog,
  copyText: (text: string) => string,
  readsElsewhere: ReturnType<typeof lateEventReader>,
): Map<string, SourceAnalysis> {
  const resolver = createExportResolver(graph);
  const links = checkLinks(graph, resolver);
  const linkFindingsByFile = groupByFile(links.findings);

  const analyses = new Map<string, SourceAnalysis>();
  for (const pkg of group) {
    const entryFile = pkg.eventsFile!;
    const closure = staticClosure(entryFile, graph);
    const findings = closure.flatMap((file) => [
      ...moduleFindings(graph, file, file === entryFile),
      ...(linkFindingsByFile.get(file) ?? []),
    ]);
    const resolved = resolveWithinStack(entryFile, resolver);
    const entry = graph.modules.get(entryFile);
    const registrations = entry && !isUnreadable(entry) ? entry.sdkRegistrations : [];
    const validated = validateSource(resolved.exports, registrations, catalog, undefined, readsElsewhere);
    findings.push(...resolved.findings, ...validated.findings);
    const analysis: SourceAnalysis = {
      root: pkg.root,
      // A module graph that fails to load or link runs none of its handlers.
      handlers: loadsCleanly(closure, links.failing) ? validated.handlers : [],
      findings,
      sources: closure
        .filter((file) => graph.hashes.has(file))
        .sort(compareCodePoints)
        .map((file) => ({ file, sha256: graph.hashes.get(file)! })),
    };
    analyses.set(pkg.root, detachFromTexts(analysis, copyText));
  }
  return analyses;
}

/**
 * The analysis outlives its group's module texts: the names and messages it holds get memory
 * of their own (detached-string.ts), one copy of each name across packages. A message is only
 * flattened: looking each one up to share it cost ~0.6 µs a message (+60 ms at 10,000
 * packages) for ~3 MB. Paths and hashes are ours, never cut from a text.
 */
function detachFromTexts(analysis: SourceAnalysis, copyText: (text: string) => string): SourceAnalysis {
  for (const handler of analysis.handlers) {
    handler.export = copyText(handler.export);
    handler.event = copyText(handler.event);
  }
  for (const finding of analysis.findings) {
    finding.message = flattened(finding.message);
    if (finding.suggestion !== undefined) finding.suggestion = copyText(finding.suggestion);
  }
  return analysis;
}

/**
 * Export resolution follows re-export chains by recursion, as ECMA-262 describes it; a
 * chain thousands of modules long exhausts the stack. That is the user's code being out
 * of our reach, not a bug: it becomes a located parse-error and the file adds no handlers.
 */
function resolveWithinStack(entryFile: string, resolver: ExportResolver): ResolvedEvents {
  try {
    return resolveEventsExports(entryFile, resolver);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message =
      'its re-export chain (`export *` / `export … from` through other modules) is too deep for velo-events to follow, so none of its exports are counted; re-export the handlers from fewer levels';
    return { exports: [], findings: [{ code: 'parse-error', file: entryFile, line: 1, column: 1, message }] };
  }
}

/** Read and parse errors of a module; for an events file also its export-form findings. */
function moduleFindings(graph: ModuleGraph, file: string, isEventsFile: boolean): Finding[] {
  const module = graph.modules.get(file);
  if (!module) return [];
  if (isUnreadable(module)) return [module.unreadable];
  return isEventsFile ? [...module.moduleFindings, ...module.eventsFileFindings] : module.moduleFindings;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return byFile;
}
