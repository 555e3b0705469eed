import { analyzeModule } from '../../src/analyze/analyze-module';
import type { Finding, SourceHandler } from '../../src/model';
import { createExportResolver } from '../../src/resolve/export-resolver';
import { checkLinks, loadsCleanly } from '../../src/resolve/link-check';
import { isUnreadable, staticClosure, type LoadedModule, type ModuleGraph } from '../../src/resolve/module-graph';
import { resolveEventsExports } from '../../src/resolve/resolve-exports';
import type { Catalog } from '../../src/validate/catalog';
import { validateSource } from '../../src/validate/validate-source';

export interface InMemoryAnalysis {
  handlers: SourceHandler[];
  findings: Finding[];
}

/**
 * The pure stages of src/analyze-sources.ts (analyze → resolve → validate) over files held
 * in memory, without the disk: `./x.js` names the file `x.js`, and a file that is not in
 * `files` does not exist. Composed the way analyzeSources composes them for one events file.
 */
export function analyzeInMemory(files: Record<string, string>, entry: string, catalog: Catalog): InMemoryAnalysis {
  const modules = new Map<string, LoadedModule>();
  const specifiers = new Map<string, Map<string, string | null>>();
  const tried = new Map<string, Map<string, readonly string[]>>();
  const queue = [entry];
  for (let i = 0; i < queue.length; i += 1) {
    const file = queue[i]!;
    const facts = analyzeModule(file, files[file]!);
    modules.set(file, facts);
    const resolved = new Map<string, string | null>();
    for (const { specifier } of facts.localSpecifiers) {
      const target = specifier.replace(/^\.\//, '');
      if (target in files) {
        resolved.set(specifier, target);
        if (!queue.includes(target)) queue.push(target);
      } else {
        resolved.set(specifier, null);
        if (!tried.has(file)) tried.set(file, new Map());
        tried.get(file)!.set(specifier, [target]);
      }
    }
    specifiers.set(file, resolved);
  }
  const graph: ModuleGraph = { modules, specifiers, tried, hashes: new Map(), stamps: new Map() };

  const resolver = createExportResolver(graph);
  const links = checkLinks(graph, resolver);
  const closure = staticClosure(entry, graph);
  const findings = closure.flatMap((file) => {
    const module = graph.modules.get(file)!;
    const own = isUnreadable(module)
      ? [module.unreadable]
      : file === entry
        ? [...module.moduleFindings, ...module.eventsFileFindings]
        : module.moduleFindings;
    return [...own, ...links.findings.filter((finding) => finding.file === file)];
  });
  const resolvedExports = resolveEventsExports(entry, resolver);
  const entryModule = graph.modules.get(entry)!;
  const registrations = isUnreadable(entryModule) ? [] : entryModule.sdkRegistrations;
  const validated = validateSource(resolvedExports.exports, registrations, catalog);
  findings.push(...resolvedExports.findings, ...validated.findings);
  return {
    handlers: loadsCleanly(closure, links.failing) ? validated.handlers : [],
    findings,
  };
}
