import { parse } from 'acorn';
import type { Finding } from '../model';

/**
 * TypeScript's parser accepts more than an ES module may contain: type annotations in a
 * .js file, `with`, redeclared `let`/`const`, duplicate parameters in strict code,
 * `export { undeclared }` are reported only by its binder or checker, which we do not
 * run. Acorn implements ECMA-262's early errors, so it has the last word on whether a
 * file that TypeScript parsed is a valid ES module (shared/SPEC.md §4 `parse-error`).
 * Duplicate export names are left to `duplicate-export`, which says more.
 */
export function findEarlyError(file: string, text: string): Finding | null {
  try {
    parse(text, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, locations: false });
    return null;
  } catch (error) {
    const { message, loc } = error as SyntaxError & { loc?: { line: number; column: number } };
    if (!loc || message.startsWith('Duplicate export')) return null;
    return {
      code: 'parse-error',
      file,
      line: loc.line,
      column: loc.column + 1,
      message: `${message.replace(/ \(\d+:\d+\)$/, '')} — this is not a valid ES module, so Velo cannot load this file and none of its exports run`,
    };
  }
}
