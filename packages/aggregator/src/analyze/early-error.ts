import { Parser } from 'acorn';
import type { Finding } from '../model';
import { tooDeepMessage } from './messages';

/**
 * acorn keeps each scope's declared names in arrays and looks every new name up with
 * `indexOf`, so n top-level declarations cost O(n²): a module of 50,000 exported
 * functions took 40 s. The same arrays with an index of each name's first position give
 * acorn's own redeclaration checks, unchanged, in constant time per lookup (acorn only
 * ever `push`es to them, reads them by index and calls `indexOf(name)`).
 */
class IndexedNames extends Array<string> {
  private readonly firstIndex = new Map<string, number>();

  override push(...names: string[]): number {
    for (const name of names) {
      if (!this.firstIndex.has(name)) this.firstIndex.set(name, this.length);
      super.push(name);
    }
    return this.length;
  }

  override indexOf(name: string): number {
    return this.firstIndex.get(name) ?? -1;
  }
}

/** The acorn internals we touch: not part of its type declarations. */
interface ScopeTracking {
  enterScope(flags: number): void;
  currentScope(): { var: string[]; lexical: string[]; functions: string[] };
}

const ModuleParser = Parser.extend(
  (Base) =>
    class extends Base {
      enterScope(flags: number): void {
        (Base.prototype as unknown as ScopeTracking).enterScope.call(this, flags);
        const scope = (this as unknown as ScopeTracking).currentScope();
        scope.var = new IndexedNames();
        scope.lexical = new IndexedNames();
        scope.functions = new IndexedNames();
      }

      /**
       * Duplicate export names are `duplicate-export`, which says more. acorn stops at its
       * first error, so raising them here would hide an early error further down.
       */
      checkExport(): void {}
    },
);

/**
 * TypeScript's parser accepts more than an ES module may contain: type annotations in a
 * .js file, `with`, redeclared `let`/`const`, duplicate parameters in strict code,
 * `export { undeclared }` are reported only by its binder or checker, which we do not
 * run. Acorn implements ECMA-262's early errors, so it has the last word on whether a
 * file that TypeScript parsed is a valid ES module (shared/SPEC.md §4 `parse-error`).
 */
export function findEarlyError(file: string, text: string): Finding | null {
  try {
    ModuleParser.parse(text, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, locations: false });
    return null;
  } catch (error) {
    const { message, loc } = error as SyntaxError & { loc?: { line: number; column: number } };
    // Anything but acorn's own located SyntaxError (a stack overflow it did not catch, a
    // bug) must not pass for a valid module: analyzeModule decides what it means.
    if (!(error instanceof SyntaxError) || !loc) throw error;
    // acorn turns its own stack overflow into this SyntaxError at the place it got to.
    const tooDeep = message.startsWith('Not enough stack space');
    return {
      code: 'parse-error',
      file,
      line: loc.line,
      column: loc.column + 1,
      message: tooDeep
        ? tooDeepMessage('stack')
        : `${message.replace(/ \(\d+:\d+\)$/, '')} — this is not a valid ES module, so Velo cannot load this file and none of its exports run`,
    };
  }
}
