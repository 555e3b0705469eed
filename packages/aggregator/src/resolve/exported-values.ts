import type { ExportResolver } from './export-resolver';
import type { ResolvedValue } from './resolved-value';

/**
 * Every name `file` exports as Velo sees it (stars included, `default` left out) → its value,
 * or null when the name is ambiguous: what `check --fix` plans its edits with.
 */
export function exportedValues(resolver: ExportResolver, file: string): Map<string, ResolvedValue | null> {
  const exports = new Map<string, ResolvedValue | null>();
  for (const name of resolver.exportedNames(file)) {
    if (name === 'default') continue;
    const resolution = resolver.resolveExport(file, name);
    exports.set(name, resolution.kind === 'found' ? resolution.value : null);
  }
  return exports;
}
