import { structuredPatch } from 'diff';

/**
 * A unified diff of one file in git's form (`--- a/<file>`, `+++ b/<file>`, 3 lines of
 * context), so `git apply` takes it. Lines keep their own endings: a CRLF file's lines end
 * in CR before the diff's LF, exactly as `git diff` prints them. '' when nothing changes.
 */
export function renderUnifiedDiff(file: string, before: string, after: string): string {
  const patch = structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return '';
  const lines = [`--- a/${file}`, `+++ b/${file}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}

/** `start,count`, with git's conventions: no count for one line, the line before for none. */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}
