/**
 * V8 makes a substring of 13 characters or more a view into the string it was cut from, and
 * TypeScript's scanner cuts every identifier and literal out of the module's text. A fact
 * holding one such name keeps the whole text alive: at 10,000 packages, every events.js
 * (~28 MB) stayed in memory through the report because of its handlers' names.
 */
const SLICED_STRING_MIN_LENGTH = 13;

/**
 * `facts` with every long string in it (nested in plain objects and arrays) copied out of
 * the text it may have been cut from; mutated in place. `file`, the module's path, is ours.
 */
export function detachStrings<T extends { file: string }>(facts: T): T {
  const copies = new Map<string, string>();
  const detach = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value.length < SLICED_STRING_MIN_LENGTH || value === facts.file) return value;
      let copy = copies.get(value);
      if (copy === undefined) copies.set(value, (copy = internalized(value)));
      return copy;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) value[i] = detach(value[i]);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = detach(record[key]);
    }
    return value;
  };
  return detach(facts) as T;
}

/**
 * The string as a property name: V8 keeps property names in its string table, each a string
 * of its own (one per distinct name, so the same handler name in many files is held once).
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}
