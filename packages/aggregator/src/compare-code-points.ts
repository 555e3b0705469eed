/**
 * Orders strings by Unicode code point. `Array.prototype.sort()` and `<` compare UTF-16
 * code units, which put U+E000–U+FFFF after astral characters; the report promises
 * code-point order (shared/SPEC.md §5), so every sort of the report goes through this.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const l = left.next();
    const r = right.next();
    if (l.done || r.done) return l.done === r.done ? 0 : l.done ? -1 : 1;
    const difference = (l.value.codePointAt(0) ?? 0) - (r.value.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
}
