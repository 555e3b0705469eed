import { ts } from 'ts-morph';
import { hasModifier } from '../../analyze/modifiers';

/** The construct of an events file a diagnostic points at. */
export type ExportSite =
  /** `export function h(event) {}` (the name). */
  | { kind: 'function'; statement: ts.FunctionDeclaration; name: ts.Identifier }
  /** `export const h = …` (the name; `declaration.name` may be a destructuring pattern). */
  | { kind: 'variable'; statement: ts.VariableStatement; declaration: ts.VariableDeclaration; name: ts.Identifier }
  /** `export { x as h }` or `export { x as h } from '…'` (the export name). */
  | { kind: 'specifier'; statement: ts.ExportDeclaration; element: ts.ExportSpecifier }
  /** `export * as h from '…'`. */
  | { kind: 'namespace-export'; statement: ts.ExportDeclaration }
  /** `export * from '…'`. */
  | { kind: 'star'; statement: ts.ExportDeclaration; specifier: string }
  /** `export default …`, `export default function`, `export { x as default }`. */
  | { kind: 'default' }
  /** A top-level expression statement (CommonJS exports are reported there). */
  | { kind: 'expression'; statement: ts.ExpressionStatement };

/**
 * The export construct whose reported position is `position`, matching where analyze/
 * puts each finding (the name for named exports, the statement or element otherwise).
 */
export function findExportSite(source: ts.SourceFile, position: number): ExportSite | null {
  const startsAt = (node: ts.Node): boolean => node.getStart(source) === position;
  for (const statement of source.statements) {
    if (statement.end < position || statement.getStart(source) > position) continue;
    if (ts.isFunctionDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) return startsAt(statement) ? { kind: 'default' } : null;
      if (statement.name && startsAt(statement.name)) return { kind: 'function', statement, name: statement.name };
    } else if (ts.isClassDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
      if (startsAt(statement)) return { kind: 'default' };
    } else if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of statement.declarationList.declarations) {
        const name = boundIdentifiers(declaration.name).find(startsAt);
        if (name) return { kind: 'variable', statement, declaration, name };
      }
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (!clause) {
        const specifier = statement.moduleSpecifier;
        return startsAt(statement) && specifier && ts.isStringLiteral(specifier)
          ? { kind: 'star', statement, specifier: specifier.text }
          : null;
      }
      if (ts.isNamespaceExport(clause)) {
        if (clause.name.text === 'default' && startsAt(statement)) return { kind: 'default' };
        return startsAt(clause.name) ? { kind: 'namespace-export', statement } : null;
      }
      for (const element of clause.elements) {
        if (element.name.text === 'default' && startsAt(element)) return { kind: 'default' };
        if (startsAt(element.name)) return { kind: 'specifier', statement, element };
      }
    } else if (ts.isExportAssignment(statement)) {
      if (startsAt(statement)) return { kind: 'default' };
    } else if (ts.isExpressionStatement(statement)) {
      if (startsAt(statement)) return { kind: 'expression', statement };
    }
  }
  return null;
}

function boundIdentifiers(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundIdentifiers(element.name) : []));
}
