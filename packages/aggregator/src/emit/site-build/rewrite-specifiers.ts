import * as path from 'node:path';
import type ts = require('@ts-morph/common/dist/typescript.js');
import { specifierKind } from '../../analyze/specifier-kind';
import { preloadTypeScript } from '../../cache/preload-typescript';

/**
 * A package file moved into the site copy keeps working only if its site-absolute
 * specifiers (`backend/…`, `public/…`, which Velo resolves against the package's own
 * folders) now point to the package's copied folders. They become relative paths, quoted
 * and escaped like the original literal; everything else in the text stays byte for byte.
 *
 * `file` is the file's path relative to the package's source root (e.g. `backend/events.js`).
 */
export function rewriteSiteAbsoluteSpecifiers(text: string, file: string): string {
  // Most files have no such specifier: they are copied without loading a parser at all.
  if (!text.includes('backend') && !text.includes('public')) return text;
  // The parser analyze/ uses (from the code cache), not ts-morph's Project machinery.
  preloadTypeScript();
  const ts = require('@ts-morph/common/dist/typescript.js') as typeof import('@ts-morph/common/dist/typescript.js');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const edits: { start: number; end: number; text: string }[] = [];
  // An explicit stack, not recursion: a 5,000-term expression is a 5,000-deep tree.
  const pending: ts.Node[] = [source];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const literal = specifierLiteral(ts, node);
    if (literal && specifierKind(literal.text) === 'site') {
      let relative = path.posix.relative(path.posix.dirname(file), literal.text);
      if (!relative.startsWith('.')) relative = `./${relative}`;
      const start = literal.getStart(source);
      edits.push({ start, end: literal.getEnd(), text: quoteLike(text[start]!, relative) });
    }
    ts.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

function specifierLiteral(api: typeof ts, node: ts.Node): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | null {
  if ((api.isImportDeclaration(node) || api.isExportDeclaration(node)) && node.moduleSpecifier) {
    return api.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier : null;
  }
  if (api.isCallExpression(node) && node.expression.kind === api.SyntaxKind.ImportKeyword) {
    const [argument] = node.arguments;
    return argument && api.isStringLiteralLike(argument) ? argument : null;
  }
  return null;
}

/** A literal for `value` with the file's own quote character, escaped for it. */
function quoteLike(quote: string, value: string): string {
  const escaped = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"');
  if (quote === '`') return `\`${escaped.replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  return `${quote}${quote === "'" ? escaped.replace(/'/g, "\\'") : escaped.replace(/"/g, '\\"')}${quote}`;
}
