import type { Finding } from '../model';
import type { AnalyzedSource } from './analyzed-source';

/** Velo packages with handlers that no site reaches: their handlers never run anywhere. */
export function findOrphanPackages(
  packages: readonly AnalyzedSource[],
  reachedRoots: ReadonlySet<string>,
): Finding[] {
  return packages
    .filter((source) => source.handlers.length > 0 && !reachedRoots.has(source.pkg.root))
    .map((source) => ({
      code: 'orphan-package' as const,
      file: source.pkg.eventsFile!,
      line: 1,
      column: 1,
      message: `${source.pkg.name} has ${
        source.handlers.length === 1 ? '1 event handler, which never runs' : `${source.handlers.length} event handlers, which never run`
      }: no site depends on it. Add "${source.pkg.name}" to a site's package.json dependencies`,
    }));
}
