import ts = require('@ts-morph/common/dist/typescript.js');
import { hasModifier } from './modifiers';
import type { Location } from '../model';
import type { ObjectMember, ValueFact } from './module-facts';

export interface LocalBinding {
  node: ts.Node;
  describe: () => ValueFact;
}

/** Top-level names of a module → what each is bound to. */
export type LocalBindings = Map<string, LocalBinding>;

type NodeAt = (node: ts.Node) => Location;

/**
 * Describes what a declaration binds, by its syntax. `site` is the node reported as the
 * definition's location (the whole statement when it declares one name).
 */
export function describeValue(
  declaration: ts.FunctionDeclaration | ts.ClassDeclaration | ts.VariableDeclaration,
  site: ts.Node,
  bindings: LocalBindings,
  source: ts.SourceFile,
  nodeAt: NodeAt,
): ValueFact {
  if (ts.isFunctionDeclaration(declaration)) return describeFunction(declaration, site, nodeAt);
  if (ts.isClassDeclaration(declaration)) return { kind: 'not-function', what: 'a class', at: nodeAt(site) };
  if (!declaration.initializer) {
    return { kind: 'not-function', what: 'undefined (declared without a value)', at: nodeAt(site) };
  }
  return describeExpression(declaration.initializer, site, bindings, source, nodeAt);
}

function describeFunction(
  fn: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction,
  site: ts.Node,
  nodeAt: NodeAt,
): ValueFact {
  if (!ts.isArrowFunction(fn) && fn.asteriskToken) {
    return { kind: 'not-function', what: 'a generator function', at: nodeAt(site) };
  }
  const isAsync = hasModifier(fn, ts.SyntaxKind.AsyncKeyword);
  const second = fn.parameters[1];
  return {
    kind: 'function',
    async: isAsync,
    params: fn.parameters.length,
    at: nodeAt(site),
    extraParamAt: second ? nodeAt(second) : null,
  };
}

export function describeExpression(
  expression: ts.Expression,
  site: ts.Node,
  bindings: LocalBindings,
  source: ts.SourceFile,
  nodeAt: NodeAt,
): ValueFact {
  const value = unwrapParentheses(expression);
  const notFunction = (what: string): ValueFact => ({ kind: 'not-function', what, at: nodeAt(site) });
  const dynamic = (what: string): ValueFact => ({ kind: 'dynamic', what, at: nodeAt(site) });

  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return describeFunction(value, site, nodeAt);
  if (ts.isClassExpression(value)) return notFunction('a class');
  if (ts.isObjectLiteralExpression(value)) {
    return { kind: 'object', at: nodeAt(site), members: functionMembers(value, bindings, nodeAt) };
  }
  if (ts.isArrayLiteralExpression(value)) return notFunction('an array');
  if (ts.isNumericLiteral(value) || ts.isBigIntLiteral(value)) return notFunction('a number');
  if (ts.isStringLiteralLike(value) || ts.isTemplateExpression(value)) return notFunction('a string');
  if (ts.isRegularExpressionLiteral(value)) return notFunction('a regular expression');
  switch (value.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
      return notFunction('a boolean');
    case ts.SyntaxKind.NullKeyword:
      return notFunction('null');
  }
  if (ts.isPrefixUnaryExpression(value) && ts.isNumericLiteral(value.operand)) return notFunction('a number');
  if (ts.isVoidExpression(value)) return notFunction('undefined');
  if (ts.isTypeOfExpression(value)) return notFunction('a string');
  if (ts.isIdentifier(value)) {
    if (value.text === 'undefined' && !bindings.has('undefined')) return notFunction('undefined');
    const binding = bindings.get(value.text);
    if (binding) return binding.describe();
    return dynamic(`\`${value.text}\`, a name this module does not declare`);
  }
  if (ts.isCallExpression(value) || ts.isNewExpression(value) || ts.isTaggedTemplateExpression(value)) {
    return dynamic(`the result of \`${abbreviate(value.getText(source))}\``);
  }
  if (ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value)) {
    return dynamic(`the member access \`${abbreviate(value.getText(source))}\``);
  }
  if (ts.isConditionalExpression(value)) return dynamic('a conditional expression');
  if (ts.isAwaitExpression(value)) return dynamic('an awaited value');
  return dynamic(`the expression \`${abbreviate(value.getText(source))}\``);
}

function functionMembers(
  object: ts.ObjectLiteralExpression,
  bindings: LocalBindings,
  nodeAt: NodeAt,
): ObjectMember[] {
  const members: ObjectMember[] = [];
  for (const property of object.properties) {
    const name = property.name && propertyNameText(property.name);
    if (name === null || name === undefined) continue;
    if (ts.isMethodDeclaration(property) || isFunctionValued(property, bindings)) {
      members.push({ name, at: nodeAt(property) });
    }
  }
  return members;
}

function isFunctionValued(property: ts.ObjectLiteralElementLike, bindings: LocalBindings): boolean {
  if (ts.isPropertyAssignment(property)) {
    const value = unwrapParentheses(property.initializer);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return true;
    return ts.isIdentifier(value) && bindings.get(value.text)?.describe().kind === 'function';
  }
  if (ts.isShorthandPropertyAssignment(property)) {
    return bindings.get(property.name.text)?.describe().kind === 'function';
  }
  return false;
}

function propertyNameText(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return null;
}

function unwrapParentheses(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

function abbreviate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= 40 ? oneLine : `${oneLine.slice(0, 37)}…`;
}
