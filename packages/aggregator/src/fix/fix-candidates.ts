import { distance } from 'fastest-levenshtein';
import { ts } from 'ts-morph';
import { isHandlerShaped } from '../analyze/names';
import type { Diagnostic } from '../model';
import type { ResolvedValue } from '../resolve/resolved-value';
import type { Catalog } from '../validate/catalog';
import { findExportSite, type ExportSite } from './edits/find-export-site';
import { findTopLevelBinding } from './edits/top-level-binding';

/** The largest edit distance a typo may have from the one documented name it is renamed to (issue 8). */
export const TYPO_DISTANCE = 2;

interface CandidateBase {
  diagnostic: Diagnostic;
  /** Export names the fix adds to the file. */
  adds: string[];
  /** Export names it takes away (a name it both removes and adds is not "already exported"). */
  removes: string[];
}

/** One certain fix, before its edits are written. */
export type Candidate =
  /** `export { f as typo }` → `export { f as name }`. */
  | (CandidateBase & { kind: 'rename-export'; from: string; to: string; element: ts.ExportSpecifier })
  /** `export function typo` → `export function name`, with every use of the binding. */
  | (CandidateBase & { kind: 'rename-binding'; from: string; to: string; name: ts.Identifier })
  /** `export const h = make()` → `const h_impl = make(); export function h(event) { … }`. */
  | (CandidateBase & { kind: 'wrap-variable'; name: string; statement: ts.VariableStatement; declaration: ts.VariableDeclaration })
  /** `export { x as h } from 'pkg'` / `export { x as h }` → an import (if needed) and a wrapper function. */
  | (CandidateBase & { kind: 'wrap-specifier'; name: string; statement: ts.ExportDeclaration; element: ts.ExportSpecifier; binding: ts.Identifier | null })
  /** `export const obj = { h() {} }` → also `export function h(event) { return obj.h(event); }`. */
  | (CandidateBase & { kind: 'wrap-member'; name: string; base: string; member: string; statement: ts.Statement })
  /** `module.exports.h = …` / `exports.h = …` → an ES export. */
  | (CandidateBase & {
      kind: 'commonjs';
      name: string;
      statement: ts.ExpressionStatement;
      value: ts.Expression;
      /** `export function h…`, `export const h = …`, or a const and a wrapper function. */
      form: 'function' | 'const' | 'wrapper';
    });

export interface CandidateContext {
  file: string;
  source: ts.SourceFile;
  /** Every name the file exports as Velo sees it (stars included); null when ambiguous. */
  exports: ReadonlyMap<string, ResolvedValue | null>;
  catalog: Catalog;
}

export interface DiagnosticCandidates {
  candidates: Candidate[];
  /** Why (part of) the diagnostic has no certain fix; empty when it is fixed whole. */
  reasons: string[];
}

const none = (reason: string): DiagnosticCandidates => ({ candidates: [], reasons: [reason] });

/** The certain fixes for one diagnostic of an events file, or why there are none. */
export function candidatesFor(diagnostic: Diagnostic, context: CandidateContext): DiagnosticCandidates {
  const position = positionOf(context.source, diagnostic.line, diagnostic.column);
  const site = position === null ? null : findExportSite(context.source, position);
  if (site === null) return none('velo-events found no export at this position to change');
  if (diagnostic.code === 'unknown-module' || diagnostic.code === 'unknown-event') {
    return typoCandidates(diagnostic, site, context);
  }
  switch (site.kind) {
    case 'default':
      return none('`export default` has no certain fix: Velo calls only handlers exported by name, and which name each part should get is yours to choose');
    case 'star':
      return none(`\`export * from '${site.specifier}'\` has no certain fix: the handlers the package provides are not known here; import each one and export a function that calls it`);
    case 'namespace-export':
      return none('`export * as … from` exports a module namespace object, which Velo cannot call');
    case 'expression':
      return commonJsCandidates(diagnostic, site.statement, context);
    case 'function':
      return none('velo-events has no fix for this export');
    case 'variable':
    case 'specifier':
      return formCandidates(diagnostic, site, context);
  }
}

function typoCandidates(diagnostic: Diagnostic, site: ExportSite, context: CandidateContext): DiagnosticCandidates {
  const to = diagnostic.suggestion;
  let from: string;
  if (site.kind === 'specifier') from = site.element.name.text;
  else if (site.kind === 'function' || site.kind === 'variable') from = site.name.text;
  else return none('velo-events found no export name at this position to rename');
  if (to === undefined) return none(`no documented name is close to \`${from}\`; check the event's Velo docs page`);

  const edits = distance(from, to);
  if (edits > TYPO_DISTANCE) {
    return none(`the nearest documented name, \`${to}\`, is ${edits} edits away; only a name within ${TYPO_DISTANCE} edits of exactly one documented name is renamed`);
  }
  const near = context.catalog.handlerNames.filter((name) => distance(from, name) <= TYPO_DISTANCE);
  if (near.length > 1) {
    const list = near.map((n) => `\`${n}\``).join(', ');
    return none(`\`${from}\` is within ${TYPO_DISTANCE} edits of ${near.length} documented names (${list}); rename it to the one you mean by hand`);
  }
  const base = { diagnostic, adds: [to], removes: [from] };
  if (site.kind === 'specifier') return { candidates: [{ ...base, kind: 'rename-export', from, to, element: site.element }], reasons: [] };
  if (site.kind === 'variable' && !ts.isIdentifier(site.declaration.name)) {
    return none('a name bound by destructuring is renamed by hand');
  }
  return { candidates: [{ ...base, kind: 'rename-binding', from, to, name: site.name }], reasons: [] };
}

/** Dynamic values, package re-exports and handlers wrapped in objects (shared/velo/FACTS.md §a 1–3). */
function formCandidates(
  diagnostic: Diagnostic,
  site: Extract<ExportSite, { kind: 'variable' | 'specifier' }>,
  context: CandidateContext,
): DiagnosticCandidates {
  const name = site.kind === 'variable' ? site.name.text : site.element.name.text;
  const value = context.exports.get(name) ?? null;
  if (value === null) return none('velo-events has no fix for this export');
  if (value.kind === 'object') return memberCandidates(diagnostic, site, name, value, context);
  if (value.kind !== 'dynamic' && value.kind !== 'bare') return none('velo-events has no fix for this export');
  if (!isHandlerShaped(name)) {
    return none(`\`${name}\` is not a handler name, so it may not be a function; only handlers get a wrapper function`);
  }
  const base = { diagnostic, adds: [name], removes: [name] };
  if (site.kind === 'variable') {
    const declarations = site.statement.declarationList.declarations;
    if (!ts.isIdentifier(site.declaration.name)) return none('a destructured export has no certain fix; export a function that reads the value');
    if (declarations.length > 1) return none('this statement declares several names; give the handler a statement of its own first');
    if (!site.declaration.initializer) return none('velo-events has no fix for this export');
    return { candidates: [{ ...base, kind: 'wrap-variable', name, statement: site.statement, declaration: site.declaration }], reasons: [] };
  }
  const { statement, element } = site;
  if (statement.attributes) return none('a re-export with import attributes is rewritten by hand');
  if (statement.moduleSpecifier !== undefined) {
    return { candidates: [{ ...base, kind: 'wrap-specifier', name, statement, element, binding: null }], reasons: [] };
  }
  const local = (element.propertyName ?? element.name).text;
  const binding = findTopLevelBinding(context.source, local);
  if (binding === null) return none(`\`${local}\` is not declared in this file`);
  if (binding.kind !== 'import' && binding.kind !== 'variable') {
    return none(`\`${local}\` is not a value velo-events can wrap in a function`);
  }
  return { candidates: [{ ...base, kind: 'wrap-specifier', name, statement, element, binding: binding.name }], reasons: [] };
}

function memberCandidates(
  diagnostic: Diagnostic,
  site: Extract<ExportSite, { kind: 'variable' | 'specifier' }>,
  name: string,
  value: Extract<ResolvedValue, { kind: 'object' }>,
  context: CandidateContext,
): DiagnosticCandidates {
  let base: string;
  if (site.kind === 'variable') {
    if (!ts.isIdentifier(site.declaration.name)) return none('velo-events has no fix for this export');
    base = site.name.text;
  } else {
    if (site.statement.moduleSpecifier !== undefined) {
      return none('the object is re-exported from another module; export each handler from events.js by hand');
    }
    base = (site.element.propertyName ?? site.element.name).text;
  }
  const candidates: Candidate[] = [];
  const reasons: string[] = [];
  for (const member of value.members) {
    const handler = isHandlerShaped(member.name) ? member.name : `${name}_${member.name}`;
    if (!isHandlerShaped(handler) || context.exports.has(handler)) continue;
    if (member.at.file !== context.file) {
      reasons.push(`\`${handler}\` is defined in ${member.at.file}; export it from events.js by hand`);
      continue;
    }
    const position = positionOf(context.source, member.at.line, member.at.column);
    const generator = position === null ? null : isGeneratorMember(context.source, position);
    if (generator !== false) {
      reasons.push(
        generator
          ? `\`${member.name}\` is a generator, which Velo cannot run as a handler`
          : `velo-events did not find the member \`${member.name}\` in this file`,
      );
      continue;
    }
    candidates.push({ diagnostic, adds: [handler], removes: [], kind: 'wrap-member', name: handler, base, member: member.name, statement: site.statement });
  }
  if (candidates.length === 0 && reasons.length === 0) reasons.push('velo-events has no fix for this export');
  return { candidates, reasons };
}

/** `module.exports.h = …` / `exports.h = …` (shared/velo/FACTS.md §a 4). */
function commonJsCandidates(diagnostic: Diagnostic, statement: ts.ExpressionStatement, context: CandidateContext): DiagnosticCandidates {
  const expression = statement.expression;
  const name =
    ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      ? commonJsExportName(expression.left)
      : null;
  if (name === null || !ts.isBinaryExpression(expression)) {
    return none('only `module.exports.<handler> = …` and `exports.<handler> = …` are converted; export each handler on its own: `export function <handler>(event) { … }`');
  }
  if (!isHandlerShaped(name)) {
    return none(`\`${name}\` is not a handler name; only CommonJS handler exports are converted`);
  }
  const value = expression.right;
  const form = commonJsForm(value, name, context.source);
  if (typeof form === 'object') return none(`\`${expression.left.getText(context.source)}\`: ${form.reason}, so it stays as it is`);
  return { candidates: [{ diagnostic, adds: [name], removes: [], kind: 'commonjs', name, statement, value, form }], reasons: [] };
}

/** `h` of `module.exports.h`, `module.exports['h']`, `exports.h`, `exports['h']`; else null. */
function commonJsExportName(target: ts.Expression): string | null {
  let name: string;
  let object: ts.Expression;
  if (ts.isPropertyAccessExpression(target) && ts.isIdentifier(target.name)) {
    name = target.name.text;
    object = target.expression;
  } else if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) {
    name = target.argumentExpression.text;
    object = target.expression;
  } else {
    return null;
  }
  if (ts.isIdentifier(object) && object.text === 'exports') return name;
  const isModuleExports =
    ts.isPropertyAccessExpression(object) &&
    ts.isIdentifier(object.expression) &&
    object.expression.text === 'module' &&
    object.name.text === 'exports';
  return isModuleExports ? name : null;
}

type Form = 'function' | 'const' | 'wrapper' | { reason: string };

function commonJsForm(value: ts.Expression, name: string, source: ts.SourceFile): Form {
  const inner = unwrapParentheses(value);
  if (ts.isFunctionExpression(inner) && inner.asteriskToken) return { reason: 'the value is a generator function, which Velo cannot run as a handler' };
  if (ts.isFunctionExpression(value) && (!value.name || value.name.text === name)) return 'function';
  if (ts.isFunctionExpression(inner) || ts.isArrowFunction(inner)) return 'const';
  if (ts.isIdentifier(inner)) {
    const binding = findTopLevelBinding(source, inner.text);
    if (binding?.kind === 'function') {
      return binding.declaration.asteriskToken ? { reason: 'the value is a generator function, which Velo cannot run as a handler' } : 'const';
    }
    if (binding?.kind === 'class') return { reason: 'the value is a class, not a function' };
    if (binding?.kind === 'variable' && binding.declaration.initializer) {
      const what = notFunction(unwrapParentheses(binding.declaration.initializer));
      if (what !== null) return { reason: `the value is ${what}, not a function` };
    }
    if (inner.text === 'undefined' && binding === null) return { reason: 'the value is undefined, not a function' };
    return 'wrapper';
  }
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return { reason: 'a chained assignment is converted by hand' };
  }
  const what = notFunction(inner);
  return what === null ? 'wrapper' : { reason: `the value is ${what}, not a function` };
}

/** What a value certainly is when it is certainly not a function; null otherwise. */
function notFunction(value: ts.Expression): string | null {
  if (ts.isObjectLiteralExpression(value)) return 'an object';
  if (ts.isArrayLiteralExpression(value)) return 'an array';
  if (ts.isClassExpression(value)) return 'a class';
  if (ts.isStringLiteralLike(value) || ts.isTemplateExpression(value) || ts.isTypeOfExpression(value)) return 'a string';
  if (ts.isNumericLiteral(value) || ts.isBigIntLiteral(value)) return 'a number';
  if (ts.isPrefixUnaryExpression(value) && ts.isNumericLiteral(value.operand)) return 'a number';
  if (ts.isRegularExpressionLiteral(value)) return 'a regular expression';
  if (ts.isVoidExpression(value)) return 'undefined';
  if (ts.isFunctionExpression(value) && value.asteriskToken) return 'a generator function';
  switch (value.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
      return 'a boolean';
    case ts.SyntaxKind.NullKeyword:
      return 'null';
  }
  return null;
}

/** Whether the object member at `position` is a plain function (null: no member starts there). */
function isGeneratorMember(source: ts.SourceFile, position: number): boolean | null {
  let generator: boolean | null = null;
  const visit = (node: ts.Node): void => {
    if (generator !== null) return;
    if (ts.isObjectLiteralElementLike(node) && node.getStart(source) === position) {
      if (ts.isMethodDeclaration(node)) generator = node.asteriskToken !== undefined;
      else if (ts.isPropertyAssignment(node)) {
        const value = unwrapParentheses(node.initializer);
        generator = ts.isFunctionExpression(value) && value.asteriskToken !== undefined;
      } else generator = false;
      return;
    }
    if (node.pos <= position && position < node.end) ts.forEachChild(node, visit);
  };
  visit(source);
  return generator;
}

function unwrapParentheses(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** A diagnostic's 1-based line and column as an offset in the text the analyzer read. */
export function positionOf(source: ts.SourceFile, line: number, column: number): number | null {
  const starts = source.getLineStarts();
  const start = starts[line - 1];
  if (start === undefined) return null;
  const position = start + column - 1;
  return position <= source.end ? position : null;
}
