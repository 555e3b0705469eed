import ts = require('@ts-morph/common/dist/typescript.js');

/** TypeScript's parse of a module as JavaScript, JSDoc left unparsed (nothing here reads it). */
export function parseModule(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    ts.ScriptKind.JS,
  );
}
