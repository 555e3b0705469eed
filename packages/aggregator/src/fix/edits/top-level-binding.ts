import { ts } from 'ts-morph';

/** What a module-level name is declared as. */
export type TopLevelBinding =
  | { kind: 'import'; name: ts.Identifier }
  | { kind: 'namespace-import'; name: ts.Identifier }
  | { kind: 'function'; name: ts.Identifier; declaration: ts.FunctionDeclaration }
  | { kind: 'class'; name: ts.Identifier }
  | { kind: 'variable'; name: ts.Identifier; declaration: ts.VariableDeclaration };

/** The top-level declaration of `name` in `source`, if it has one. */
export function findTopLevelBinding(source: ts.SourceFile, name: string): TopLevelBinding | null {
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) {
      return { kind: 'function', name: statement.name, declaration: statement };
    }
    if (ts.isClassDeclaration(statement) && statement.name?.text === name) return { kind: 'class', name: statement.name };
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
          return { kind: 'variable', name: declaration.name, declaration };
        }
      }
    }
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name?.text === name) return { kind: 'import', name: clause.name };
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named) && named.name.text === name) return { kind: 'namespace-import', name: named.name };
      if (named && ts.isNamedImports(named)) {
        const element = named.elements.find((e) => e.name.text === name);
        if (element) return { kind: 'import', name: element.name };
      }
    }
  }
  return null;
}
