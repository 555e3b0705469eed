import ts = require('@ts-morph/common/dist/typescript.js');
import { lineStartsOf } from '../base/line-starts';

/**
 * TypeScript's parse of a module as JavaScript, JSDoc left unparsed (nothing here reads it),
 * with its line starts already set (`lineStartsOf`). Another `scriptKind` parses a file
 * Velo never loads in its own language (an `events.ts`: validate/ignored-events-file).
 */
export function parseModule(file: string, text: string, scriptKind: ts.ScriptKind = ts.ScriptKind.JS): ts.SourceFile {
  const source = ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKind,
  );
  // Where TypeScript keeps them, not public API: parse-module.spec checks it still reads them there.
  (source as unknown as { lineMap: readonly number[] }).lineMap = lineStartsOf(text);
  return source;
}

/**
 * The parser's first syntax error, if any. TypeScript keeps them on the source file without
 * a public accessor; reading them avoids building a whole program to ask for syntactic
 * diagnostics.
 */
export function firstSyntaxError(source: ts.SourceFile): ts.DiagnosticWithLocation | undefined {
  return (source as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
}
