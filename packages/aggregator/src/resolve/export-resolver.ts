import type { ExportFact, ModuleFacts } from '../analyze/module-facts';
import { specifierKind } from '../analyze/specifier-kind';
import type { Location } from '../model';
import { isUnreadable, type ModuleGraph } from './module-graph';
import type { ResolvedValue } from './resolved-value';

export type Resolution =
  | { kind: 'found'; nameAt: Location; value: ResolvedValue }
  | { kind: 'ambiguous'; at: Location; providers: string[] }
  | { kind: 'none' };

export interface ExportResolver {
  /** The module's facts when it was read and parsed; null otherwise. */
  facts(file: string): ModuleFacts | null;
  /** The file a local specifier of `file` resolved to, when it can be analyzed. */
  target(file: string, specifier: string): string | null;
  /** ECMA-262 ResolveExport: what `name` of `file` is bound to. */
  resolveExport(file: string, name: string): Resolution;
  /** ECMA-262 GetExportedNames: explicit names, then star names (never `default`). */
  exportedNames(file: string): string[];
}

/**
 * ES module export resolution over a loaded graph. Explicit exports shadow stars, a star
 * never re-exports `default`, a name two stars provide from different bindings is
 * ambiguous, and cycles end: a (module, name) pair already on the current path resolves
 * to nothing, while reaching one definition along two paths is not a conflict.
 */
export function createExportResolver(graph: ModuleGraph): ExportResolver {
  const facts = (file: string): ModuleFacts | null => {
    const module = graph.modules.get(file);
    return module && !isUnreadable(module) && module.parsed ? module : null;
  };
  const target = (file: string, specifier: string): string | null => {
    const resolved = graph.specifiers.get(file)?.get(specifier) ?? null;
    return resolved !== null && facts(resolved) ? resolved : null;
  };
  // A name exported twice keeps its first binding; duplicate-export reports the second.
  // Indexed once per module: a file with 50,000 exports must not be searched per name.
  const exportIndex = new WeakMap<ModuleFacts, Map<string, ExportFact>>();
  const explicitExport = (module: ModuleFacts, name: string): ExportFact | undefined => {
    let index = exportIndex.get(module);
    if (!index) {
      index = new Map();
      for (const fact of module.exports) if (!index.has(fact.name)) index.set(fact.name, fact);
      exportIndex.set(module, index);
    }
    return index.get(name);
  };

  // By file, then name: no key strings to build and hash for each of 100,000s of lookups.
  const memo = new Map<string, Map<string, Resolution>>();
  const onPath = new Map<string, Set<string>>();
  let cycleCuts = 0;

  function resolveExport(file: string, name: string): Resolution {
    let known = memo.get(file);
    const answer = known?.get(name);
    if (answer) return answer;
    let names = onPath.get(file);
    if (names?.has(name)) {
      cycleCuts += 1;
      return { kind: 'none' };
    }
    if (!names) onPath.set(file, (names = new Set()));
    names.add(name);
    const cutsBefore = cycleCuts;
    try {
      const resolution = resolveUncached(file, name);
      // An answer that a cycle cut short depends on the path taken: do not reuse it.
      if (cycleCuts === cutsBefore) {
        if (!known) memo.set(file, (known = new Map()));
        known.set(name, resolution);
      }
      return resolution;
    } finally {
      names.delete(name);
    }
  }

  function resolveUncached(file: string, name: string): Resolution {
    const module = facts(file);
    if (!module) return { kind: 'none' };
    const explicit = explicitExport(module, name);
    if (explicit) return follow(file, explicit);
    if (name === 'default') return { kind: 'none' };
    let found: Extract<Resolution, { kind: 'found' }> | null = null;
    for (const star of module.stars) {
      const next = target(file, star.specifier);
      if (next === null) continue;
      const resolution = resolveExport(next, name);
      if (resolution.kind === 'ambiguous') return resolution;
      if (resolution.kind !== 'found') continue;
      if (found === null) {
        found = resolution;
      } else if (bindingKey(found.value) !== bindingKey(resolution.value)) {
        return { kind: 'ambiguous', at: star.at, providers: [found.value.at.file, resolution.value.at.file] };
      }
    }
    return found ?? { kind: 'none' };
  }

  function follow(file: string, fact: ExportFact): Resolution {
    const { value, nameAt } = fact;
    if (value.kind !== 'import') return { kind: 'found', nameAt, value };
    if (specifierKind(value.specifier) === 'bare') {
      return { kind: 'found', nameAt, value: { kind: 'bare', specifier: value.specifier, at: value.at } };
    }
    const next = target(file, value.specifier);
    const unresolved: Resolution = { kind: 'found', nameAt, value: { kind: 'unresolved', at: value.at } };
    if (next === null) return unresolved;
    if (value.imported === '*') {
      return { kind: 'found', nameAt, value: { kind: 'not-function', what: 'a module namespace object', at: value.at } };
    }
    const inner = resolveExport(next, value.imported);
    return inner.kind === 'found' ? { kind: 'found', nameAt, value: inner.value } : unresolved;
  }

  const namesMemo = new Map<string, string[]>();
  function collectNames(file: string, starVisited: Set<string>): string[] {
    if (starVisited.has(file)) return [];
    starVisited.add(file);
    const module = facts(file);
    if (!module) return [];
    const names = new Set(module.exports.map((fact) => fact.name));
    for (const star of module.stars) {
      const next = target(file, star.specifier);
      if (next === null) continue;
      for (const name of collectNames(next, starVisited)) {
        if (name !== 'default') names.add(name);
      }
    }
    return [...names];
  }
  const exportedNames = (file: string): string[] => {
    let names = namesMemo.get(file);
    if (!names) {
      names = collectNames(file, new Set());
      namesMemo.set(file, names);
    }
    return names;
  };

  return { facts, target, resolveExport, exportedNames };
}

function bindingKey(value: ResolvedValue): string {
  return `${value.kind}:${value.at.file}:${value.at.line}:${value.at.column}`;
}
