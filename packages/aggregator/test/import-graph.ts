import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts = require('@ts-morph/common/dist/typescript.js');

/** Each module (a path relative to the source folder, POSIX) → the modules it imports there. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The import graph of the modules under `sourceDir`, tests left out. TypeScript's own
 * pre-parser lists every `import`, `import type`, `export … from`, `import x = require()`,
 * `require()` and `import()`; type-only imports count, since a cycle of types is still a
 * cycle a reader has to untangle. Imports of packages are not edges.
 */
export function readImportGraph(sourceDir: string): ImportGraph {
  const files = listModules(sourceDir);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(sourceDir, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolveModule(path.posix.join(path.posix.dirname(file), specifier), known, file, specifier));
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

function listModules(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listModules(path.join(dir, entry.name), relative);
      return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [relative] : [];
    })
    .sort();
}

function resolveModule(base: string, known: ReadonlySet<string>, importer: string, specifier: string): string {
  const withoutJs = base.replace(/\.js$/, '');
  for (const candidate of [`${withoutJs}.ts`, `${withoutJs}.d.ts`, `${withoutJs}/index.ts`]) {
    if (known.has(candidate)) return candidate;
  }
  throw new Error(`${importer}: cannot resolve ${specifier}`);
}

/** The room a module lives in: its top folder, or its own name for a file at the top. */
export function roomOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file : file.slice(0, slash);
}

/** Every import cycle, each once, as the modules on it in import order (Tarjan's SCCs). */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfImport = (graph.get(node) ?? []).includes(node);
    if (component.length > 1 || selfImport) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * Imports that do not point down the layers (bottom first): a module may import its own
 * room and the rooms of lower layers only; rooms that share a layer never import each other.
 */
export function findUpwardImports(graph: ImportGraph, layers: readonly (readonly string[])[]): string[] {
  const layerOf = new Map(layers.flatMap((rooms, layer) => rooms.map((room) => [room, layer] as const)));
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = roomOf(file);
    for (const target of targets) {
      const to = roomOf(target);
      if (to === from) continue;
      const fromLayer = layerOf.get(from);
      const toLayer = layerOf.get(to);
      if (fromLayer === undefined || toLayer === undefined || toLayer >= fromLayer) wrong.push(`${file} → ${target}`);
    }
  }
  return wrong.sort();
}
