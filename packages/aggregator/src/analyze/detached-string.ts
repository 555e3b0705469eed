/**
 * V8 makes a substring of 13 characters or more a view into the string it was cut from, and
 * TypeScript's scanner cuts every identifier and literal out of the module's text: one
 * handler name kept in a report keeps its whole file in memory. At 10,000 packages that was
 * every events.js, ~28 MB, held through the report. These helpers give what outlives the
 * text memory of its own.
 */
const SLICED_STRING_MIN_LENGTH = 13;

/**
 * A function returning each name as a copy, one copy per distinct name: a handler name a
 * thousand packages export is held once. The copies are the map's keys, so the map holds no
 * view into a text either.
 */
export function nameCopier(): (name: string) => string {
  const copies = new Map<string, string>();
  return (name) => {
    if (name.length < SLICED_STRING_MIN_LENGTH) return name;
    let copy = copies.get(name);
    if (copy === undefined) {
      // Concatenating makes a rope; slicing a rope flattens it into new memory first.
      copy = ` ${name}`.slice(1);
      copies.set(copy, copy);
    }
    return copy;
  };
}
