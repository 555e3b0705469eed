import type { WorkspacePackage } from '../model';
import { compareCodePoints } from '../base/compare-code-points';

/**
 * The Velo packages whose handlers belong in `site`'s table (shared/SPEC.md §2,
 * Membership): every 'package'-kind workspace package the site reaches through
 * `dependencies`, directly or through other workspace packages of any kind (a site →
 * plain library → Velo package chain counts, because the library's install brings the
 * Velo package along). Versions and `workspace:` ranges are not compared: a dependency on
 * a name that a workspace package has reaches that package. When several workspace
 * packages share a name, a dependency on it reaches all of them; merge reports the
 * namespace collision. Cycles end because each package is visited once.
 * Sorted by name, then root.
 */
export function siteMembers(site: WorkspacePackage, all: WorkspacePackage[]): WorkspacePackage[] {
  const byName = new Map<string, WorkspacePackage[]>();
  for (const pkg of all) {
    const sameName = byName.get(pkg.name);
    if (sameName === undefined) byName.set(pkg.name, [pkg]);
    else sameName.push(pkg);
  }

  const visited = new Set<string>([site.root]);
  const pending: WorkspacePackage[] = [site];
  const members: WorkspacePackage[] = [];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    for (const dependency of current.dependencies) {
      for (const reached of byName.get(dependency) ?? []) {
        if (visited.has(reached.root)) continue;
        visited.add(reached.root);
        pending.push(reached);
        if (reached.kind === 'package') members.push(reached);
      }
    }
  }
  return members.sort(
    (a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.root, b.root),
  );
}
