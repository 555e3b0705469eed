/** RFC 6901: `~` and `/` inside a key are written `~0` and `~1` in a JSON pointer. */
export function escapePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
