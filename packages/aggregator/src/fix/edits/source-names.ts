import { ts } from 'ts-morph';

/** The names a module's code uses, for choosing new names that change no meaning. */
export interface SourceNames {
  /**
   * Start offsets of each identifier that declares or refers to a variable (property names,
   * labels and the other module's side of import/export aliases excluded).
   */
  references: ReadonlyMap<string, readonly number[]>;
}

export function collectSourceNames(source: ts.SourceFile): SourceNames {
  const references = new Map<string, number[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (isVariableReference(node)) {
        const list = references.get(node.text);
        const start = node.getStart(source);
        if (list) list.push(start);
        else references.set(node.text, [start]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { references };
}

function isVariableReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name !== node;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isJsxAttribute(parent)
  ) {
    return parent.name !== node;
  }
  if (ts.isImportSpecifier(parent)) return parent.propertyName !== node;
  if (ts.isExportSpecifier(parent)) {
    // `export { a as b } from 'm'`: neither is a local; `export { a as b }`: `b` is an alias.
    if (parent.parent.parent.moduleSpecifier !== undefined) return false;
    return parent.propertyName === undefined || parent.propertyName === node;
  }
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return parent.label !== node;
  if (ts.isMetaProperty(parent)) return false;
  return true;
}

/** ES reserved words and the words strict module code also reserves: never a new binding. */
const RESERVED = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if implements import in instanceof interface let new null package private ' +
    'protected public return static super switch this throw true try typeof var void while with yield ' +
    'arguments eval undefined'
  ).split(' '),
);

/** Whether `name` can be declared as a top-level binding of a module. */
export function isBindableName(name: string): boolean {
  return isIdentifierName(name) && !RESERVED.has(name);
}

/** An ASCII identifier name; other names simply are not generated (they get a fallback). */
export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}
