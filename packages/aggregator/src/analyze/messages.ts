/** Shared by analyze (a bare star in events.js) and resolve (one reached through a star chain). */
export function bareReexportMessage(specifier: string): string {
  return `\`export * from '${specifier}'\` re-exports from the package '${specifier}', which Velo does not support in events.js; import what you need and export a function that calls it: \`export function <handler>(event) { return imported(event); }\``;
}
