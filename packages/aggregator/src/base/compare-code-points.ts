/**
 * Orders strings by Unicode code point. `Array.prototype.sort()` and `<` compare UTF-16
 * code units, which put U+E000–U+FFFF after astral characters; the report promises
 * code-point order (shared/SPEC.md §5), so every sort of the report goes through this.
 * It compares code units and corrects only that one case, so it costs no more than `<`.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // A surrogate starts an astral character, which follows every BMP character.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
