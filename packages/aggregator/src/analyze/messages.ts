/** Shared by analyze (a bare star in events.js) and resolve (one reached through a star chain). */
export function bareReexportMessage(specifier: string): string {
  return `\`export * from '${specifier}'\` re-exports from the package '${specifier}', which Velo does not support in events.js; import what you need and export a function that calls it: \`export function <handler>(event) { return imported(event); }\``;
}

/**
 * Deeper than this, brackets (`(`, `[`, `{`, `${`) are not analyzed. The parsers recurse
 * once or more per level, and how deep they can go depends on the thread's stack (about
 * 1 MB on the main thread, 4 MB in a worker): a fixed limit well below both keeps the
 * answer the same wherever a file is analyzed. No hand-written or generated code comes
 * near it; a 20,000-level file does not crash the run.
 */
export const NESTING_LIMIT = 256;

/** For code too deeply nested to analyze: past NESTING_LIMIT, or past the parser's stack. */
export function tooDeepMessage(reason: 'brackets' | 'stack'): string {
  const what =
    reason === 'brackets'
      ? `brackets nest more than ${NESTING_LIMIT} levels deep here, deeper than velo-events analyzes`
      : 'the code here is nested too deeply for velo-events to analyze (its parser ran out of stack)';
  return `${what}, so none of this file's exports are counted; flatten it (deeply nested data can go in a .json file)`;
}
