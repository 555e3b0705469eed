/**
 * The string, flattened: one made by concatenation is a rope of its parts (V8 joins strings
 * lazily), each part held until something reads the whole; once flat it holds only its own
 * characters, in one block. Reading a string as a number flattens it in place (the
 * `flatstr` idiom): ~25 ns, against ~1 µs for a copy.
 */
export function flattened(text: string): string {
  Number(text);
  return text;
}
