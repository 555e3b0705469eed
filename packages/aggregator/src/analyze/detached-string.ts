/**
 * V8 makes a substring of 13 characters or more a view into the string it was cut from, and
 * TypeScript's scanner cuts every identifier and literal out of the module's text: one
 * handler name kept in a report keeps its whole file in memory. At 10,000 packages that was
 * every events.js, ~28 MB, held through the report.
 */
const SLICED_STRING_MIN_LENGTH = 13;

/**
 * The same text, in memory of its own. As a property name V8 keeps it in its string table,
 * flat and once per distinct text, so a handler name a thousand packages export is held once.
 */
export function detachedString(text: string): string {
  return text.length < SLICED_STRING_MIN_LENGTH ? text : Object.keys({ [text]: 0 })[0]!;
}
