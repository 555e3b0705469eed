import * as path from 'node:path';
import { ts } from 'ts-morph';
import { specifierKind } from '../analyze/specifier-kind';

/**
 * A package file moved into the site copy keeps working only if its site-absolute
 * specifiers (`backend/…`, `public/…`, which Velo resolves against the package's own
 * folders) now point to the package's copied folders. They become relative paths;
 * everything else in the text stays byte for byte.
 *
 * `file` is the file's path relative to the package's source root (e.g. `backend/events.js`).
 */
export function rewriteSiteAbsoluteSpecifiers(text: string, file: string): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const literal = specifierLiteral(node);
    if (literal && specifierKind(literal.text) === 'site') {
      let relative = path.posix.relative(path.posix.dirname(file), literal.text);
      if (!relative.startsWith('.')) relative = `./${relative}`;
      // Inside the quotes, so the file keeps its own quoting style.
      edits.push({ start: literal.getStart(source) + 1, end: literal.getEnd() - 1, text: relative });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

function specifierLiteral(node: ts.Node): ts.StringLiteral | null {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier : null;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const [argument] = node.arguments;
    return argument && ts.isStringLiteral(argument) ? argument : null;
  }
  return null;
}
