import { compareCodePoints } from '../base/compare-code-points';
import type { AnalyzedSource } from './analyzed-source';


/**
 * shared/SPEC.md §2: packages listed in the config `order` first, in that order, then
 * the rest by namespace in code-point order (root breaks ties between equal names).
 */
export function orderPackages(packages: readonly AnalyzedSource[], order: readonly string[]): AnalyzedSource[] {
  const rank = new Map(order.map((namespace, index) => [namespace, index]));
  const rankOf = (source: AnalyzedSource): number => rank.get(source.pkg.name) ?? order.length;
  return [...packages].sort(
    (a, b) => rankOf(a) - rankOf(b) || compareCodePoints(a.pkg.name, b.pkg.name) || compareCodePoints(a.pkg.root, b.pkg.root),
  );
}
