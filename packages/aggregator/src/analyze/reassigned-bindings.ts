import ts = require('@ts-morph/common/dist/typescript.js');
import { parseModule } from './parse-module';

/**
 * The module's top-level `let` and `var` names: the bindings an export can share with code
 * that assigns them again (shared/SPEC.md §4, `unsupported-export`).
 */
export function topLevelMutableNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || isLexicalConst(statement.declarationList)) continue;
    for (const declaration of statement.declarationList.declarations) {
      for (const name of bindingNames(declaration.name)) names.add(name);
    }
  }
  return names;
}

/**
 * Of `names` (top-level `let`/`var` bindings), each one the module assigns anywhere after its
 * declaration, with the offset of the first such assignment: `h = …`, `h += …`, `h++`,
 * `[h] = …`, `for (h of …)`. Inside a function counts too: whether that function runs before
 * an event fires is not something a reading of the code can tell, and Velo calls whatever
 * value the binding holds then. A name an inner scope declares again is another binding.
 * Reads the whole text (the outline blanks function bodies); only files that export a
 * `let`/`var` and name it more than once get here.
 */
export function findReassignments(file: string, text: string, names: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  const candidates = [...names].filter((name) => occurrences(text, name) > 1);
  if (candidates.length === 0) return found;
  const wanted = new Set(candidates);
  const source = parseModule(file, text);
  const visit = (node: ts.Node, shadowed: ReadonlySet<string>): void => {
    const declared = scopeDeclarations(node).filter((name) => wanted.has(name) && !shadowed.has(name));
    const inner = declared.length > 0 ? new Set([...shadowed, ...declared]) : shadowed;
    for (const target of assignedIdentifiers(node)) {
      const name = target.text;
      if (wanted.has(name) && !inner.has(name) && !found.has(name)) found.set(name, target.getStart(source));
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  // The module scope itself declares the names: only inner scopes shadow them.
  for (const statement of source.statements) visit(statement, new Set());
  return found;
}

function occurrences(text: string, name: string): number {
  const escaped = name.replace(/[$]/g, '\\$');
  return text.match(new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g'))?.length ?? 0;
}

/** Names a node declares for the code inside it, when it opens a scope. */
function scopeDeclarations(node: ts.Node): string[] {
  if (ts.isFunctionLike(node)) {
    const names = node.parameters.flatMap((parameter) => bindingNames(parameter.name));
    if (ts.isFunctionExpression(node) && node.name) names.push(node.name.text);
    const body = 'body' in node ? (node.body as ts.Node | undefined) : undefined;
    if (body) {
      names.push(...varNames(body));
      if (ts.isBlock(body)) names.push(...lexicalNames(body.statements));
    }
    return names;
  }
  if (ts.isBlock(node) || ts.isModuleBlock(node)) return lexicalNames(node.statements);
  if (ts.isCaseBlock(node)) return node.clauses.flatMap((clause) => lexicalNames(clause.statements));
  if (ts.isCatchClause(node) && node.variableDeclaration) return bindingNames(node.variableDeclaration.name);
  if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer) {
    const init = node.initializer;
    if (ts.isVariableDeclarationList(init) && isLexicalConst(init)) return init.declarations.flatMap((d) => bindingNames(d.name));
    if (ts.isVariableDeclarationList(init) && (init.flags & ts.NodeFlags.Let) !== 0) return init.declarations.flatMap((d) => bindingNames(d.name));
  }
  if (ts.isClassExpression(node) && node.name) return [node.name.text];
  return [];
}

function lexicalNames(statements: ts.NodeArray<ts.Statement>): string[] {
  return statements.flatMap((statement) => {
    if (ts.isVariableStatement(statement) && (statement.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0) {
      return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
    }
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return [statement.name.text];
    return [];
  });
}

/** `var` names declared anywhere in a function body, not inside the functions it holds. */
function varNames(body: ts.Node): string[] {
  const names: string[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0) {
      for (const declaration of node.declarations) names.push(...bindingNames(declaration.name));
    }
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(body, walk);
  return names;
}

function isLexicalConst(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.Const) !== 0;
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

/** The identifiers a node assigns to (rebinds), not properties of them. */
function assignedIdentifiers(node: ts.Node): ts.Identifier[] {
  if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
    return node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? patternTargets(node.left) : identifierOf(node.left);
  }
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrementOrDecrement(node.operator)) {
    return identifierOf(node.operand);
  }
  if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
    return patternTargets(node.initializer);
  }
  return [];
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isIncrementOrDecrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

function identifierOf(expression: ts.Expression): ts.Identifier[] {
  const inner = withoutParentheses(expression);
  return ts.isIdentifier(inner) ? [inner] : [];
}

/** Targets of a destructuring assignment (`[a, { b }, ...c] = …`), or the one identifier. */
function patternTargets(expression: ts.Expression): ts.Identifier[] {
  const inner = withoutParentheses(expression);
  if (ts.isIdentifier(inner)) return [inner];
  if (ts.isArrayLiteralExpression(inner)) {
    return inner.elements.flatMap((element) => patternTargets(ts.isSpreadElement(element) ? element.expression : element));
  }
  if (ts.isObjectLiteralExpression(inner)) {
    return inner.properties.flatMap((property) => {
      if (ts.isShorthandPropertyAssignment(property)) return [property.name];
      if (ts.isPropertyAssignment(property)) return patternTargets(property.initializer);
      if (ts.isSpreadAssignment(property)) return patternTargets(property.expression);
      return [];
    });
  }
  // A default inside a pattern: `[a = 1] = …`.
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.EqualsToken) return patternTargets(inner.left);
  return [];
}

function withoutParentheses(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}
