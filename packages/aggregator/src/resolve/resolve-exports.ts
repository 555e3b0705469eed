import { bareReexportMessage } from '../analyze/messages';
import { specifierKind } from '../analyze/specifier-kind';
import { compareCodePoints } from '../base/compare-code-points';
import type { Finding, Location } from '../model';
import type { ExportResolver } from './export-resolver';
import type { ResolvedValue } from './resolved-value';

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

/**
 * The exports of one events file as Velo sees them, sorted by name. Names two stars
 * provide ambiguously are not exported (reported as `duplicate-export`), and a star chain
 * that reaches a package (`export * from 'pkg'` in a helper) is reported where it is.
 */
export function resolveEventsExports(entry: string, resolver: ExportResolver): ResolvedEvents {
  const findings: Finding[] = [...bareStarsReached(entry, resolver)];
  const exports: ResolvedExport[] = [];
  for (const name of [...resolver.exportedNames(entry)].sort(compareCodePoints)) {
    // `export default` is already an unsupported-export of the events file.
    if (name === 'default') continue;
    const resolution = resolver.resolveExport(entry, name);
    if (resolution.kind === 'found') {
      exports.push({ name, nameAt: resolution.nameAt, value: resolution.value });
    } else if (resolution.kind === 'ambiguous') {
      findings.push({
        code: 'duplicate-export',
        ...resolution.at,
        message: `\`${name}\` comes from two \`export *\` (${resolution.providers.join(' and ')}); an ambiguous star export is not exported at all, so Velo never sees it. Export it explicitly: \`export { ${name} } from '…'\``,
      });
    }
  }
  return { exports, findings };
}

/** `export * from 'pkg'` in modules the events file stars through (its own are reported by analyze). */
function bareStarsReached(entry: string, resolver: ExportResolver): Finding[] {
  const findings: Finding[] = [];
  const visited = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const star of resolver.facts(file)?.stars ?? []) {
      if (specifierKind(star.specifier) === 'bare') {
        if (file !== entry) findings.push({ code: 'unsupported-export', ...star.at, message: bareReexportMessage(star.specifier) });
        continue;
      }
      const next = resolver.target(file, star.specifier);
      if (next !== null && !visited.has(next)) {
        visited.add(next);
        queue.push(next);
      }
    }
  }
  return findings;
}
