import type { Finding } from '../model';
import type { ExportResolver } from './export-resolver';
import { isUnreadable, type ModuleGraph } from './module-graph';

export interface LinkCheck {
  findings: Finding[];
  /** Modules that cannot load by themselves: unreadable, unparsable or not linkable. */
  failing: ReadonlySet<string>;
}

/**
 * What stops a module from loading before any of its code runs: a local import that
 * matches no file, or a name the imported module does not export (`unresolved-import`, at
 * the specifier or the name: Node refuses to load or link it), and the module-level errors
 * analyze found (read, parse, duplicate export).
 */
export function checkLinks(graph: ModuleGraph, resolver: ExportResolver): LinkCheck {
  const findings: Finding[] = [];
  const failing = new Set<string>();
  for (const module of graph.modules.values()) {
    if (isUnreadable(module) || !module.parsed || module.moduleFindings.length > 0) {
      failing.add(module.file);
      if (isUnreadable(module) || !module.parsed) continue;
    }
    const resolved = graph.specifiers.get(module.file);
    for (const { specifier, at } of module.localSpecifiers) {
      if ((resolved?.get(specifier) ?? null) !== null) continue;
      failing.add(module.file);
      findings.push({
        code: 'unresolved-import',
        ...at,
        message: `cannot find the module '${specifier}' imported here (${lookedFor(graph.tried.get(module.file)?.get(specifier))}); Velo cannot load this file`,
      });
    }
    for (const { specifier, imported, at } of module.imports) {
      const next = resolver.target(module.file, specifier);
      if (next === null) continue; // missing or broken: reported on its own
      let resolution: ReturnType<ExportResolver['resolveExport']>;
      try {
        resolution = resolver.resolveExport(next, imported);
      } catch (error) {
        // A chain too deep to follow is reported once, for the events file (analyze-sources).
        if (error instanceof RangeError) continue;
        throw error;
      }
      if (resolution.kind === 'found') continue;
      failing.add(module.file);
      findings.push({
        code: 'unresolved-import',
        ...at,
        message: `'${specifier}' does not export \`${imported}\`${
          resolution.kind === 'ambiguous' ? ' unambiguously (two `export *` provide it)' : ''
        }: the module fails to link with a SyntaxError, so Velo cannot load this file`,
      });
    }
  }
  return { findings, failing };
}

/** Whether no module of an entry's static closure (`staticClosure`), itself included, fails to load. */
export function loadsCleanly(closure: readonly string[], failing: ReadonlySet<string>): boolean {
  return !closure.some((file) => failing.has(file));
}

function lookedFor(candidates: readonly string[] | undefined): string {
  if (!candidates || candidates.length === 0) return 'it points outside the workspace';
  return `no file at ${candidates.join(', ')}`;
}
