import type { Report } from '../../model';

/** shared/SPEC.md §5: exactly one JSON document; key order is fixed by construction. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
