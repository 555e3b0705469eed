import type { Finding } from '../model';
import { isUnreadable, type ModuleGraph } from './module-graph';

/**
 * A local import that matches no file stops the importing module from loading at all,
 * whether or not an export goes through it, so each one is a `read-error` at its specifier.
 */
export function unresolvedImportFindings(graph: ModuleGraph): Finding[] {
  const findings: Finding[] = [];
  for (const module of graph.modules.values()) {
    if (isUnreadable(module)) continue;
    const resolved = graph.specifiers.get(module.file);
    for (const { specifier, at } of module.localSpecifiers) {
      if ((resolved?.get(specifier) ?? null) !== null) continue;
      findings.push({
        code: 'read-error',
        ...at,
        message: `cannot find the module '${specifier}' imported here (looked for it as written and with .js and .jsw inside the workspace); Velo cannot load this file`,
      });
    }
  }
  return findings;
}
