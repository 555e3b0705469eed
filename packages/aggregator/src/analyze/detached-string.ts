/**
 * V8 makes a substring of 13 characters or more a view into the string it was cut from, and
 * TypeScript's scanner cuts every identifier and literal out of the module's text: one
 * handler name kept in a report keeps its whole file in memory. At 10,000 packages that was
 * every events.js, ~28 MB, held through the report. A string built by concatenation holds
 * its parts, so a message naming an export holds the name's text too. These helpers give
 * what outlives the text memory of its own.
 */
const SLICED_STRING_MIN_LENGTH = 13;

/** The text with memory of its own: neither a view into another string nor a rope of parts. */
export function detached(text: string): string {
  if (text.length < SLICED_STRING_MIN_LENGTH) return text;
  // Concatenating makes a rope; slicing a rope flattens it into new memory first.
  return ` ${text}`.slice(1);
}

/**
 * A function returning each text (a name, a suggestion) detached, one copy per distinct
 * text: a handler name a thousand packages export is held once. The copies are the map's
 * keys, so the map holds no view into a text either.
 */
export function textCopier(): (text: string) => string {
  const copies = new Map<string, string>();
  return (text) => {
    if (text.length < SLICED_STRING_MIN_LENGTH) return text;
    let copy = copies.get(text);
    if (copy === undefined) {
      copy = detached(text);
      copies.set(copy, copy);
    }
    return copy;
  };
}
