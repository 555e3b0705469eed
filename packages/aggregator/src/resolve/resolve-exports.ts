import { compareCodePoints } from '../compare-code-points';
import type { ExportFact, ModuleFacts, ValueFact } from '../analyze/module-facts';
import { specifierKind } from '../analyze/specifier-kind';
import type { Finding, Location } from '../model';
import { isUnreadable, type ModuleGraph } from './module-graph';

/** What an export of an events file finally is, after following local modules. */
export type ResolvedValue =
  | Exclude<ValueFact, { kind: 'import' }>
  /** Comes from an npm or Velo package: Velo does not support that in events.js. */
  | { kind: 'bare'; specifier: string; at: Location }
  /** The chain ends at a missing module or a name the module does not export. */
  | { kind: 'unresolved'; at: Location };

export interface ResolvedExport {
  name: string;
  /** Where the export name is written (in the module that gives it its name). */
  nameAt: Location;
  value: ResolvedValue;
}

export interface ResolvedEvents {
  exports: ResolvedExport[];
  findings: Finding[];
}

type Resolution =
  | { kind: 'found'; nameAt: Location; value: ResolvedValue }
  | { kind: 'ambiguous'; at: Location; providers: string[] }
  | { kind: 'none' };

/**
 * The exports of one events file with ES module semantics (ECMA-262 ResolveExport /
 * GetExportedNames): explicit exports shadow stars, a star never re-exports `default`,
 * a name two stars provide from different bindings is ambiguous and not exported, and
 * cycles end. Pure: the graph was loaded beforehand.
 */
export function resolveEventsExports(entry: string, graph: ModuleGraph): ResolvedEvents {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  const report = (finding: Finding): void => {
    const key = `${finding.file}:${finding.line}:${finding.column}:${finding.code}`;
    if (reported.has(key)) return;
    reported.add(key);
    findings.push(finding);
  };

  const facts = (file: string): ModuleFacts | null => {
    const module = graph.modules.get(file);
    return module && !isUnreadable(module) && module.parsed ? module : null;
  };

  // A specifier that matched no file is reported once per module by unresolvedImportFindings.
  const target = (file: string, specifier: string): string | null => {
    const resolved = graph.specifiers.get(file)?.get(specifier) ?? null;
    return resolved !== null && facts(resolved) ? resolved : null;
  };

  const explicitExport = (module: ModuleFacts, name: string): ExportFact | undefined =>
    // A name exported twice keeps its first binding; duplicate-export reports the second.
    module.exports.find((fact) => fact.name === name);

  const follow = (file: string, fact: ExportFact, visited: Set<string>): Resolution => {
    const value = fact.value;
    if (value.kind !== 'import') return { kind: 'found', nameAt: fact.nameAt, value };
    if (specifierKind(value.specifier) === 'bare') {
      return { kind: 'found', nameAt: fact.nameAt, value: { kind: 'bare', specifier: value.specifier, at: value.at } };
    }
    const unresolved: Resolution = { kind: 'found', nameAt: fact.nameAt, value: { kind: 'unresolved', at: value.at } };
    const next = target(file, value.specifier);
    if (next === null) return unresolved;
    if (value.imported === '*') {
      return { kind: 'found', nameAt: fact.nameAt, value: { kind: 'not-function', what: 'a module namespace object', at: value.at } };
    }
    const inner = resolveExport(next, value.imported, visited);
    if (inner.kind === 'found') return { kind: 'found', nameAt: fact.nameAt, value: inner.value };
    report({
      code: 'parse-error',
      ...value.at,
      message: `'${value.specifier}' does not export \`${value.imported}\`${
        inner.kind === 'ambiguous' ? ' unambiguously' : ''
      }: the module fails to link (SyntaxError), so Velo cannot load it`,
    });
    return unresolved;
  };

  function resolveExport(file: string, name: string, visited: Set<string>): Resolution {
    const key = `${file}\0${name}`;
    if (visited.has(key)) return { kind: 'none' };
    visited.add(key);
    const module = facts(file);
    if (!module) return { kind: 'none' };
    const explicit = explicitExport(module, name);
    if (explicit) return follow(file, explicit, visited);
    if (name === 'default') return { kind: 'none' };
    let found: Extract<Resolution, { kind: 'found' }> | null = null;
    for (const star of module.stars) {
      const next = target(file, star.specifier);
      if (next === null) continue;
      const resolution = resolveExport(next, name, visited);
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

  function exportedNames(file: string, starVisited: Set<string>): string[] {
    if (starVisited.has(file)) return [];
    starVisited.add(file);
    const module = facts(file);
    if (!module) return [];
    const names = new Set(module.exports.map((fact) => fact.name));
    for (const star of module.stars) {
      const next = target(file, star.specifier);
      if (next === null) continue;
      for (const name of exportedNames(next, starVisited)) {
        if (name !== 'default') names.add(name);
      }
    }
    return [...names];
  }

  const exports: ResolvedExport[] = [];
  for (const name of exportedNames(entry, new Set()).sort(compareCodePoints)) {
    // `export default` is already an unsupported-export of the events file.
    if (name === 'default') continue;
    const resolution = resolveExport(entry, name, new Set());
    if (resolution.kind === 'found') {
      exports.push({ name, nameAt: resolution.nameAt, value: resolution.value });
    } else if (resolution.kind === 'ambiguous') {
      report({
        code: 'duplicate-export',
        ...resolution.at,
        message: `\`${name}\` comes from two \`export *\` (${resolution.providers.join(' and ')}); an ambiguous star export is not exported at all, so Velo never sees it. Export it explicitly: \`export { ${name} } from '…'\``,
      });
    }
  }
  return { exports, findings };
}

function bindingKey(value: ResolvedValue): string {
  return `${value.kind}:${value.at.file}:${value.at.line}:${value.at.column}`;
}
