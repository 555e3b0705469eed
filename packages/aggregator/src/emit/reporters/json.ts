import type { Report } from '../../model';
import { writeJsonChunks } from '../../base/json-chunks';

/** shared/SPEC.md §5: exactly one JSON document; key order is fixed by construction. */
export function renderJson(report: Report): string {
  const chunks: string[] = [];
  writeJson(report, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/**
 * The same document a chunk at a time, for writing large reports without one huge string;
 * a report that fits one chunk is one write, as it was before chunks.
 */
export function writeJson(report: Report, write: (chunk: string) => void): void {
  let held: string | null = null;
  writeJsonChunks(report, (chunk) => {
    if (held !== null) write(held);
    held = chunk;
  });
  write(`${held ?? ''}\n`);
}
