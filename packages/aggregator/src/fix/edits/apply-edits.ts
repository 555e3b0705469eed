/** A replacement of `text.slice(start, end)`; `start === end` inserts. Offsets are UTF-16 code units. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping edits; every byte outside them is kept as it is. Insertions at one
 * offset keep their order. Overlapping edits are a bug in the planner, never user input.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let result = '';
  let copied = 0;
  for (const edit of sorted) {
    if (edit.start < copied || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`overlapping or out-of-range edit ${edit.start}–${edit.end} (text length ${text.length})`);
    }
    result += text.slice(copied, edit.start) + edit.text;
    copied = edit.end;
  }
  return result + text.slice(copied);
}

/** By position; a stable sort, so insertions at one offset stay in the order given. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Whether two edits touch the same text (an insertion at the edge of a replacement does not). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}
