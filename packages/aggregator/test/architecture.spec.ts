import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts = require('@ts-morph/common/dist/typescript.js');
import { findCycles, findUpwardImports, readImportGraph, roomOf, type ImportGraph } from './import-graph';

/**
 * The layers of packages/aggregator/src, bottom first: a room (a folder, or a file at the
 * top) may import its own modules and those of lower layers, never a higher one, and rooms
 * that share a layer never import each other. ARCHITECTURE.md at the repository root
 * explains each; a new folder must be placed here before it can be imported.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['model.ts', 'types'],
  ['base'],
  ['fs'],
  ['workspace'],
  ['analyze'],
  ['resolve'],
  ['validate'],
  ['payload'],
  ['merge'],
  ['cache'],
  ['sources'],
  ['analyze-sources.ts'],
  ['aggregate.ts'],
  ['open-report-source.ts'],
  ['emit'],
  ['fix'],
  ['lint'],
  ['testing', 'nx'],
  ['cli'],
  ['index.ts'],
];

const SOURCE_DIR = path.join(__dirname, '..', 'src');
const ARCHITECTURE = path.join(__dirname, '..', '..', '..', 'ARCHITECTURE.md');
/** A folder holding more modules than this directly has more than one job (issue 13). */
const MAX_MODULES_PER_FOLDER = 15;

describe('the layout of packages/aggregator/src', () => {
  const graph = readImportGraph(SOURCE_DIR);

  it('has no import cycle, type-only imports included', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('imports only down the layers', () => {
    expect(findUpwardImports(graph, LAYERS)).toEqual([]);
  });

  it('places every room in a layer, and lists no room that is gone', () => {
    const rooms = [...new Set([...graph.keys()].map(roomOf))].sort();
    expect(LAYERS.flat().sort()).toEqual(rooms);
  });

  it(`keeps at most ${MAX_MODULES_PER_FOLDER} modules directly in a folder`, () => {
    const crowded = folders(SOURCE_DIR)
      .map((dir) => ({ dir, modules: readdirSync(path.join(SOURCE_DIR, dir)).filter((name) => /(?<!\.spec)\.ts$/.test(name)).length }))
      .filter(({ modules }) => modules > MAX_MODULES_PER_FOLDER);
    expect(crowded).toEqual([]);
  });

  it('reads __dirname in base/package-layout.ts only: every module of the CLI bundle shares one', () => {
    expect(modulesReading('__dirname', [...graph.keys()])).toEqual(['base/package-layout.ts']);
  });

  it('is described room by room in ARCHITECTURE.md, top layer first', () => {
    const headings = [...readFileSync(ARCHITECTURE, 'utf8').matchAll(/^### `([^`]+?)\/?`/gm)].map((match) => match[1]);
    expect(headings).toEqual([...LAYERS].reverse().flat());
  });
});

/** The modules that use the identifier `name` (not in a string or a comment). */
function modulesReading(name: string, modules: readonly string[]): string[] {
  return modules.filter((module) => {
    const file = ts.createSourceFile(module, readFileSync(path.join(SOURCE_DIR, module), 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const uses = (node: ts.Node): boolean => (ts.isIdentifier(node) && node.text === name) || ts.forEachChild(node, uses) === true;
    return uses(file);
  });
}

function folders(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return [relative, ...folders(path.join(dir, entry.name), relative)];
    });
}

describe('the layout checks themselves', () => {
  // A tiny graph with one of each fault, so a check that stopped seeing them fails here.
  const planted: ImportGraph = new Map([
    ['cli/main.ts', ['cli/check-report.ts', 'model.ts']],
    ['cli/check-report.ts', ['cli/main.ts']],
    ['model.ts', []],
    ['workspace/config.ts', ['validate/codes.ts', 'workspace/config.ts']],
    ['validate/codes.ts', ['model.ts']],
  ]);

  it('finds each cycle, a module importing itself included', () => {
    expect(findCycles(planted)).toEqual([['cli/check-report.ts', 'cli/main.ts'], ['workspace/config.ts']]);
  });

  it('finds an import that points up, and one into a room in no layer', () => {
    expect(findUpwardImports(planted, [['model.ts'], ['workspace'], ['validate']])).toEqual([
      'cli/main.ts → model.ts',
      'workspace/config.ts → validate/codes.ts',
    ]);
  });
});
