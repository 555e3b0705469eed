import { analyzeModule } from '../analyze/analyze-module';
import { createExportResolver } from './export-resolver';
import type { ModuleGraph } from './module-graph';

/** A graph from `file → source`; every `./x` specifier names `x.js`. */
function graphOf(files: Record<string, string>): ModuleGraph {
  const modules = new Map(Object.entries(files).map(([file, text]) => [file, analyzeModule(file, text)]));
  const specifiers = new Map(
    [...modules.values()].map((m) => [
      m.file,
      new Map(m.localSpecifiers.map(({ specifier }) => [specifier, `${specifier.slice(2).replace(/\.js$/, '')}.js`])),
    ]),
  );
  return { modules, specifiers, tried: new Map(), hashes: new Map(), stamps: new Map() };
}

const foundIn = (resolution: ReturnType<ReturnType<typeof createExportResolver>['resolveExport']>): string =>
  resolution.kind === 'found' ? `${resolution.value.at.file}:${resolution.value.at.line}` : resolution.kind;

describe('createExportResolver', () => {
  it('does not reuse an answer a star cycle cut short', () => {
    // a → b → a is a cycle; y reaches a only through c. Resolving a first visits b with a
    // on the path; b's answer for y must still be found when asked directly.
    const resolver = createExportResolver(
      graphOf({
        'a.js': "export * from './b';\nexport * from './c';",
        'b.js': "export * from './a';",
        'c.js': 'export function y(e) {}',
      }),
    );
    expect(foundIn(resolver.resolveExport('a.js', 'y'))).toBe('c.js:1');
    expect(foundIn(resolver.resolveExport('b.js', 'y'))).toBe('c.js:1');
    expect(resolver.exportedNames('b.js')).toEqual(['y']);
  });

  it('treats one definition reached along two paths as one binding', () => {
    const resolver = createExportResolver(
      graphOf({
        'e.js': "export * from './s';\nexport * from './n';",
        's.js': "export * from './d';",
        'n.js': "export { h } from './d';",
        'd.js': 'export function h(e) {}',
      }),
    );
    expect(foundIn(resolver.resolveExport('e.js', 'h'))).toBe('d.js:1');
  });

  it('finds two stars with different definitions ambiguous, and never resolves default through a star', () => {
    const resolver = createExportResolver(
      graphOf({
        'e.js': "export * from './p';\nexport * from './q';",
        'p.js': 'export function h(e) {}\nexport default function (e) {}',
        'q.js': 'export function h(e) {}',
      }),
    );
    expect(resolver.resolveExport('e.js', 'h')).toEqual({
      kind: 'ambiguous',
      at: { file: 'e.js', line: 2, column: 1 },
      providers: ['p.js', 'q.js'],
    });
    expect(resolver.resolveExport('e.js', 'default')).toEqual({ kind: 'none' });
    expect(resolver.exportedNames('e.js')).toEqual(['h']);
  });
});
