import ts = require('@ts-morph/common/dist/typescript.js');
import type { Finding, Location } from '../model';
import { describeExpression, describeValue, type LocalBindings } from './describe-value';
import type {
  EventRead,
  ExportFact,
  ImportFact,
  ModuleFacts,
  SdkRegistrationFact,
  StarExportFact,
} from './module-facts';
import { findEarlyError } from './early-error';
import { locateReads, readsOfFunction } from './event-reads/reads-of-function';
import { bareReexportMessage, NESTING_LIMIT, tooDeepMessage } from './messages';
import { findTooDeepBracket } from './nesting-depth';
import { outlineFrom, outlineRanges } from './outline';
import type { TextPrescan } from './text-prescan';
import { firstSyntaxError, parseModule } from './parse-module';
import { isHandlerShaped } from './names';
import { hasModifier } from './modifiers';
import { findReassignments, topLevelMutableNames } from './reassigned-bindings';
import { findSdkRegistration } from './sdk-registration';
import { specifierKind } from './specifier-kind';

/**
 * One module's text → what it exports, syntax only. We use ts-morph's bundled TypeScript
 * parser directly (no Project, no program, no type checker, JSDoc not parsed): nothing
 * here needs types, and a bare parse is the cheapest thing ts-morph offers.
 */
export function analyzeModule(file: string, text: string): ModuleFacts {
  const syntax = analyzeModuleSyntax(file, text);
  return settleModule(syntax, syntax.awaitsEarlyErrors ? earlyErrorOf(file, text) : null, text);
}

/**
 * What TypeScript's parse alone says, before the ES-module early-error check. The two are
 * independent, so the check can run elsewhere (a worker thread) while this one parses.
 */
export interface SyntaxAnalysis {
  facts: ModuleFacts;
  /**
   * False when the file is already unparsed for a reason that comes first (TypeScript's
   * own parse error, nesting too deep): then an early error would change nothing.
   */
  awaitsEarlyErrors: boolean;
  /**
   * True when TypeScript parsed the outline (outline.ts), not the whole text: an error
   * acorn finds may then sit in a body TypeScript has not seen, and TypeScript's own
   * message for it, which comes first, needs the whole text (`settleModule`).
   */
  outlined: boolean;
}

/**
 * The final facts: an ES-module early error leaves the module unparsed (see early-error.ts).
 * Needs the text when the outline was parsed and acorn found an error (rare): TypeScript
 * then parses the whole text, and its own parse error, if it finds one, is reported.
 */
export function settleModule(syntax: SyntaxAnalysis, earlyError: Finding | null, text: string): ModuleFacts {
  const settled = settleWithoutText(syntax, earlyError);
  if (settled) return settled;
  const whole = analyzeModuleSyntax(syntax.facts.file, text, { outline: false });
  return whole.awaitsEarlyErrors && earlyError ? unparsed(whole.facts.file, earlyError) : whole.facts;
}

/** `settleModule` where it needs no text; null where it does. */
export function settleWithoutText(syntax: SyntaxAnalysis, earlyError: Finding | null): ModuleFacts | null {
  if (!syntax.awaitsEarlyErrors || !earlyError) return syntax.facts;
  return syntax.outlined ? null : unparsed(syntax.facts.file, earlyError);
}

/** The module's first early error; running out of stack to find it is reported as such. */
export function earlyErrorOf(file: string, text: string): Finding | null {
  try {
    return findEarlyError(file, text);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return { code: 'parse-error', file, line: 1, column: 1, message: tooDeepMessage('stack') };
  }
}

/**
 * `outline: false` parses the whole text. `prescan` is what another thread has already found
 * in this very text (`prescanText`): then it is not scanned again here.
 */
export function analyzeModuleSyntax(
  file: string,
  text: string,
  { outline = true, prescan }: { outline?: boolean; prescan?: TextPrescan } = {},
): SyntaxAnalysis {
  const settled = (facts: ModuleFacts): SyntaxAnalysis => ({ facts, awaitsEarlyErrors: false, outlined: false });
  // Checked before parsing: both parsers recurse per level and would run out of stack.
  const tooDeep = findTooDeepBracket(text, NESTING_LIMIT, prescan?.brackets);
  if (tooDeep >= 0) {
    return settled(unparsed(file, { code: 'parse-error', ...locateOffset(text, file, tooDeep), message: tooDeepMessage('brackets') }));
  }
  let source: ts.SourceFile;
  let outlined = false;
  try {
    const parsedOutline = outline ? parseOutline(file, text, prescan ? prescan.outline : outlineRanges(text)) : null;
    outlined = parsedOutline !== null;
    source = parsedOutline ?? parseModule(file, text);
  } catch (error) {
    // Deep chains without brackets (`!!!…`, `a ? b : a ? …`, `x => x => …`) can still do it.
    if (!isStackOverflow(error)) throw error;
    return settled(unparsed(file, stackOverflowFinding(file, text, null)));
  }
  const parseError = firstParseError(source, file);
  if (parseError) return settled(unparsed(file, parseError));
  const analyzing: { statement: ts.Statement | null } = { statement: null };
  try {
    return { facts: analyzeParsed(file, source, analyzing), awaitsEarlyErrors: true, outlined };
  } catch (error) {
    // Long chains of aliases (`const a2 = a1, a3 = a2, …`) are described recursively.
    if (!isStackOverflow(error)) throw error;
    const statement = analyzing.statement;
    const facts = unparsed(file, stackOverflowFinding(file, text, statement && locate(source, file, statement.getStart(source))));
    return { facts, awaitsEarlyErrors: true, outlined };
  }
}

/**
 * TypeScript's parse of the outline (outline.ts) of these ranges, reading the file's own text
 * from then on; null when there is none to parse (the scan gave up, or nothing is blanked)
 * or it does not hold.
 */
function parseOutline(file: string, text: string, ranges: readonly number[] | null): ts.SourceFile | null {
  if (ranges === null) return null;
  const skeleton = outlineFrom(text, ranges);
  if (skeleton.text === text) return null;
  const parsed = parseModule(file, skeleton.text);
  if (firstParseError(parsed, file) !== null || !blanksAreBlocks(parsed, skeleton.ranges)) return null;
  // Positions are the file's; getText and locations now read the file's own text.
  (parsed as { text: string }).text = text;
  return parsed;
}

/**
 * Whether each blanked range of the outline is exactly the inside of a block, class body or
 * case block in its parse: the check that the outline's scan read the braces as the parser does.
 */
function blanksAreBlocks(source: ts.SourceFile, ranges: readonly number[]): boolean {
  // One walk in source order, into the nodes that hold the next range only.
  let next = 0;
  let failed = false;
  const visit = (node: ts.Node): true | undefined => {
    if (next >= ranges.length) return true;
    const start = ranges[next]!;
    if (node.end <= start) return undefined;
    if (node.pos > start) return (failed = true);
    const inside = ts.isBlock(node)
      ? node.statements.pos
      : ts.isCaseBlock(node)
        ? node.clauses.pos
        : ts.isClassLike(node)
          ? node.members.pos
          : -1;
    if (inside === start) {
      if (node.end - 1 !== ranges[next + 1]) return (failed = true);
      next += 2;
      return undefined;
    }
    return ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return !failed && next >= ranges.length;
}

function analyzeParsed(
  file: string,
  source: ts.SourceFile,
  analyzing: { statement: ts.Statement | null },
): ModuleFacts {
  const at = (pos: number): Location => locate(source, file, pos);
  const nodeAt = (node: ts.Node): Location => at(node.getStart(source));

  const bindings = collectLocalBindings(source, nodeAt);
  const exports: ExportFact[] = [];
  const stars: StarExportFact[] = [];
  const imports: ImportFact[] = [];
  const sdkRegistrations: SdkRegistrationFact[] = [];
  const eventsFileFindings: Finding[] = [];
  const localSpecifiers = new Map<string, Location>();
  /** The function each handler-named export is bound to, whose body the event-field check reads. */
  const handlerFunctions = new Map<ExportFact, HandlerFunction>();
  const noteHandler = (fact: ExportFact, fn: HandlerFunction | null): void => {
    if (fn === null || fact.value.kind !== 'function') return;
    if (isHandlerShaped(fact.name)) handlerFunctions.set(fact, fn);
    else if (fn.parameters.length > 0) fact.value.readRange = [readStart(fn, source), fn.end];
  };

  const unsupported = (node: ts.Node, message: string): void => {
    eventsFileFindings.push({ code: 'unsupported-export', ...nodeAt(node), message });
  };
  const reassigned = reassignedExports(file, source);
  /** An exported `let`/`var` the module assigns again holds, at event time, whatever ran last. */
  const reassignedValue = (local: string, site: ts.Node): ExportFact['value'] | null => {
    const offset = reassigned.get(local);
    if (offset === undefined) return null;
    const where = at(offset);
    return { kind: 'dynamic', what: `a variable the module assigns again (at ${where.line}:${where.column})`, at: nodeAt(site) };
  };

  for (const statement of source.statements) {
    analyzing.statement = statement;
    const moduleSpecifier = moduleSpecifierOf(statement);
    if (moduleSpecifier && specifierKind(moduleSpecifier.text) !== 'bare') {
      if (!localSpecifiers.has(moduleSpecifier.text)) localSpecifiers.set(moduleSpecifier.text, nodeAt(moduleSpecifier));
      imports.push(...importedNames(statement, moduleSpecifier.text, nodeAt));
    }

    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (!hasExportModifier(statement)) continue;
      const value = describeValue(statement, statement, bindings, source, nodeAt);
      if (hasDefaultModifier(statement)) {
        unsupported(statement, defaultExportMessage(null));
        // Kept: a helper module's default export can be imported and re-exported by name.
        exports.push({ name: 'default', nameAt: nodeAt(statement), value });
        continue;
      }
      if (!statement.name) continue;
      const fact: ExportFact = { name: statement.name.text, nameAt: nodeAt(statement.name), value };
      exports.push(fact);
      if (ts.isFunctionDeclaration(statement)) noteHandler(fact, statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        // `const stop = products.onProductCreated(cb)` registers just the same.
        const registration =
          declaration.initializer && findSdkRegistration(declaration.initializer, bindings, source, nodeAt);
        if (registration) sdkRegistrations.push(registration);
      }
      if (!hasExportModifier(statement)) continue;
      const declarations = statement.declarationList.declarations;
      for (const declaration of declarations) {
        const site = declarations.length === 1 ? statement : declaration;
        for (const { name, nameNode } of boundNames(declaration.name)) {
          const fact: ExportFact = {
            name,
            nameAt: nodeAt(nameNode),
            value: ts.isIdentifier(declaration.name)
              ? (reassignedValue(name, site) ?? describeValue(declaration, site, bindings, source, nodeAt))
              : { kind: 'dynamic', what: 'a destructuring pattern', at: nodeAt(site) },
          };
          exports.push(fact);
          noteHandler(fact, functionBoundBy(declaration, bindings));
        }
      }
    } else if (ts.isExportDeclaration(statement)) {
      collectExportDeclaration(statement);
    } else if (ts.isExportAssignment(statement)) {
      unsupported(statement, defaultExportMessage(objectMembersOf(statement.expression, bindings)));
      exports.push({
        name: 'default',
        nameAt: nodeAt(statement),
        value: describeExpression(statement.expression, statement, bindings, source, nodeAt),
      });
    } else if (ts.isExpressionStatement(statement)) {
      const commonJs = commonJsExport(statement.expression, bindings);
      if (commonJs !== null) unsupported(statement, commonJsMessage(commonJs));
      const registration = findSdkRegistration(statement.expression, bindings, source, nodeAt);
      if (registration) sdkRegistrations.push(registration);
    }
  }

  analyzing.statement = null;
  if (handlerFunctions.size > 0) attachEventReads(handlerFunctions, source);
  return {
    file,
    parsed: true,
    exports,
    stars,
    imports,
    sdkRegistrations,
    moduleFindings: duplicateExportFindings(exports),
    eventsFileFindings,
    localSpecifiers: [...localSpecifiers].map(([specifier, where]) => ({ specifier, at: where })),
  };

  function collectExportDeclaration(statement: ts.ExportDeclaration): void {
    const specifier =
      statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : null;
    const clause = statement.exportClause;
    if (!clause) {
      if (specifier === null) return;
      if (specifierKind(specifier) === 'bare') {
        unsupported(statement, bareReexportMessage(specifier));
      }
      stars.push({ specifier, at: nodeAt(statement) });
      return;
    }
    if (ts.isNamespaceExport(clause)) {
      const name = moduleExportNameText(clause.name);
      if (name === 'default') {
        unsupported(statement, defaultExportMessage(null));
        return;
      }
      exports.push({
        name,
        nameAt: nodeAt(clause.name),
        value:
          specifier !== null && specifierKind(specifier) === 'bare'
            ? { kind: 'import', specifier, imported: '*', at: nodeAt(statement) }
            : { kind: 'not-function', what: 'a module namespace object', at: nodeAt(statement) },
      });
      return;
    }
    for (const element of clause.elements) {
      const name = moduleExportNameText(element.name);
      const local = moduleExportNameText(element.propertyName ?? element.name);
      if (name === 'default') {
        const wrapped = specifier === null ? objectMembersOfBinding(local, bindings) : null;
        unsupported(element, defaultExportMessage(wrapped));
      }
      const value =
        specifier !== null
          ? { kind: 'import' as const, specifier, imported: local, at: nodeAt(element) }
          : describeLocal(local, element);
      const fact: ExportFact = { name, nameAt: nodeAt(element.name), value };
      exports.push(fact);
      if (specifier === null) noteHandler(fact, functionOfBinding(local, bindings));
    }
  }

  function describeLocal(local: string, element: ts.ExportSpecifier): ExportFact['value'] {
    const binding = bindings.get(local);
    if (!binding) {
      return { kind: 'dynamic', what: `an undeclared name \`${local}\``, at: nodeAt(element) };
    }
    return reassignedValue(local, element) ?? binding.describe();
  }
}

/** A function a handler-shaped export is bound to. */
type HandlerFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/**
 * Each handler function's event reads (event-reads/reads-of-function.ts), from the module's own text: the
 * outline leaves bodies out of the parse. One function exported under two handler names is
 * read once.
 */
function attachEventReads(handlerFunctions: ReadonlyMap<ExportFact, HandlerFunction>, source: ts.SourceFile): void {
  const locate = (offset: number): [number, number] => {
    const { line, character } = source.getLineAndCharacterOfPosition(offset);
    return [line + 1, character + 1];
  };
  const readsByFunction = new Map<HandlerFunction, EventRead[]>();
  for (const [fact, fn] of handlerFunctions) {
    if (fact.value.kind !== 'function') continue;
    let reads = readsByFunction.get(fn);
    if (reads === undefined) {
      readsByFunction.set(fn, (reads = locateReads(readsOfFunction(source.text, readStart(fn, source), fn.end), locate)));
    }
    fact.value.eventReads = reads;
  }
}

/** Where reading a function starts: its parameter list (or an arrow's `async`). */
function readStart(fn: HandlerFunction, source: ts.SourceFile): number {
  return ts.isArrowFunction(fn) ? fn.getStart(source) : fn.parameters.pos - 1;
}

/**
 * The function a declaration binds, following `const h = f` through local bindings (as
 * describeValue does); null for anything else.
 */
function functionBoundBy(declaration: ts.Node, bindings: LocalBindings, seen = new Set<string>()): HandlerFunction | null {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return null;
  let value = declaration.initializer;
  while (ts.isParenthesizedExpression(value)) value = value.expression;
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  return ts.isIdentifier(value) ? functionOfBinding(value.text, bindings, seen) : null;
}

function functionOfBinding(name: string, bindings: LocalBindings, seen = new Set<string>()): HandlerFunction | null {
  const binding = bindings.get(name);
  // `const a = b, b = a` binds no function.
  if (!binding || seen.has(name)) return null;
  seen.add(name);
  return functionBoundBy(binding.node, bindings, seen);
}

/** The exported top-level `let`/`var` bindings the module assigns again → where it first does. */
function reassignedExports(file: string, source: ts.SourceFile): Map<string, number> {
  const mutable = topLevelMutableNames(source);
  if (mutable.size === 0) return new Map();
  const exported = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && mutable.has(declaration.name.text)) exported.add(declaration.name.text);
      }
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const local = moduleExportNameText(element.propertyName ?? element.name);
        if (mutable.has(local)) exported.add(local);
      }
    }
  }
  // The source's text is the whole file even when the outline was parsed.
  return exported.size === 0 ? new Map() : findReassignments(file, source.text, exported);
}

function unparsed(file: string, finding: Finding): ModuleFacts {
  return {
    file,
    parsed: false,
    exports: [],
    stars: [],
    imports: [],
    sdkRegistrations: [],
    moduleFindings: [finding],
    eventsFileFindings: [],
    localSpecifiers: [],
  };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * For code that ran a parser or our walk out of stack: placed at the statement being
 * analyzed, else where acorn ran out of stack too, else at the top of the file. A real
 * syntax error acorn finds is reported as such.
 */
function stackOverflowFinding(file: string, text: string, statementAt: Location | null): Finding {
  const tooDeep: Finding = { code: 'parse-error', file, line: 1, column: 1, message: tooDeepMessage('stack'), ...statementAt };
  if (statementAt) return tooDeep;
  try {
    return findEarlyError(file, text) ?? tooDeep;
  } catch (error) {
    if (isStackOverflow(error)) return tooDeep;
    throw error;
  }
}

/** Line and column of an offset, with the line breaks ECMAScript (and TypeScript) counts. */
function locateOffset(text: string, file: string, offset: number): Location {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}

function locate(source: ts.SourceFile, file: string, pos: number): Location {
  const { line, character } = source.getLineAndCharacterOfPosition(pos);
  return { file, line: line + 1, column: character + 1 };
}

/** The parser's first syntax error as a `parse-error` finding. */
function firstParseError(source: ts.SourceFile, file: string): Finding | null {
  const first = firstSyntaxError(source);
  if (!first) return null;
  const where = locate(source, file, first.start);
  return {
    code: 'parse-error',
    ...where,
    message: `${ts.flattenDiagnosticMessageText(first.messageText, ' ')} — Velo cannot load this file, so none of its exports run`,
  };
}

function hasExportModifier(node: ts.HasModifiers): boolean {
  return hasModifier(node, ts.SyntaxKind.ExportKeyword);
}

function hasDefaultModifier(node: ts.HasModifiers): boolean {
  return hasModifier(node, ts.SyntaxKind.DefaultKeyword);
}

function moduleSpecifierOf(statement: ts.Statement): ts.StringLiteral | null {
  const specifier =
    ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
      ? statement.moduleSpecifier
      : undefined;
  return specifier && ts.isStringLiteral(specifier) ? specifier : null;
}

function moduleExportNameText(name: ts.ModuleExportName): string {
  return name.text;
}

/** The names a declaration binds, each with its node: `a`, or every name of `{ a, b: [c] }`. */
export function boundNames(name: ts.BindingName): { name: string; nameNode: ts.Node }[] {
  if (ts.isIdentifier(name)) return [{ name: name.text, nameNode: name }];
  const names: { name: string; nameNode: ts.Node }[] = [];
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) names.push(...boundNames(element.name));
  }
  return names;
}

/** Every top-level binding, described lazily so that chains (`const h = f`) resolve. */
function collectLocalBindings(
  source: ts.SourceFile,
  nodeAt: (node: ts.Node) => Location,
): LocalBindings {
  const bindings: LocalBindings = new Map();
  const describing = new Set<string>();
  const add = (name: string, describeOnce: () => ExportFact['value'], node: ts.Node): void => {
    bindings.set(name, {
      node,
      describe: () => {
        // `const a = b, b = a` must not recurse forever.
        if (describing.has(name)) return { kind: 'dynamic', what: 'a circular reference', at: nodeAt(node) };
        describing.add(name);
        try {
          return describeOnce();
        } finally {
          describing.delete(name);
        }
      },
    });
  };
  for (const statement of source.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      add(statement.name.text, () => describeValue(statement, statement, bindings, source, nodeAt), statement);
    } else if (ts.isVariableStatement(statement)) {
      const declarations = statement.declarationList.declarations;
      for (const declaration of declarations) {
        const site = declarations.length === 1 ? statement : declaration;
        for (const { name } of boundNames(declaration.name)) {
          add(
            name,
            () =>
              ts.isIdentifier(declaration.name)
                ? describeValue(declaration, site, bindings, source, nodeAt)
                : { kind: 'dynamic', what: 'a destructuring pattern', at: nodeAt(site) },
            declaration,
          );
        }
      }
    } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause) continue;
      if (clause.name) {
        const node = clause.name;
        add(node.text, () => ({ kind: 'import', specifier, imported: 'default', at: nodeAt(node) }), node);
      }
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) {
        add(named.name.text, () => ({ kind: 'import', specifier, imported: '*', at: nodeAt(named) }), named);
      } else if (named) {
        for (const element of named.elements) {
          const imported = (element.propertyName ?? element.name).text;
          add(element.name.text, () => ({ kind: 'import', specifier, imported, at: nodeAt(element) }), element);
        }
      }
    }
  }
  return bindings;
}

function objectMembersOf(expression: ts.Expression, bindings: LocalBindings): string[] | null {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (ts.isIdentifier(inner)) return objectMembersOfBinding(inner.text, bindings);
  if (!ts.isObjectLiteralExpression(inner)) return null;
  return inner.properties
    .map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : ''))
    .filter(isHandlerShaped);
}

function objectMembersOfBinding(local: string, bindings: LocalBindings): string[] | null {
  const value = bindings.get(local)?.describe();
  if (value?.kind !== 'object') return null;
  return value.members.map((m) => m.name).filter(isHandlerShaped);
}

function defaultExportMessage(wrappedHandlers: string[] | null): string {
  const base = 'Velo does not support `export default` in events.js and never calls a default export';
  if (wrappedHandlers && wrappedHandlers.length > 0) {
    const list = wrappedHandlers.map((h) => `\`${h}\``).join(', ');
    return `${base}; export each handler on its own instead: ${wrappedHandlers
      .map((h) => `\`export function ${h}(event) { … }\``)
      .join(', ')} (wrapped here: ${list})`;
  }
  return `${base}; export each handler as a named function: \`export function <prefix>_on<Event>(event) { … }\``;
}

/** The names an import or `export … from` statement takes from a local module. */
function importedNames(statement: ts.Statement, specifier: string, nodeAt: (node: ts.Node) => Location): ImportFact[] {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return [];
    const facts: ImportFact[] = [];
    if (clause.name) facts.push({ specifier, imported: 'default', at: nodeAt(clause.name) });
    const named = clause.namedBindings;
    if (named && ts.isNamedImports(named)) {
      for (const element of named.elements) {
        facts.push({ specifier, imported: moduleExportNameText(element.propertyName ?? element.name), at: nodeAt(element) });
      }
    }
    return facts;
  }
  if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
    return statement.exportClause.elements.map((element) => ({
      specifier,
      imported: moduleExportNameText(element.propertyName ?? element.name),
      at: nodeAt(element),
    }));
  }
  return [];
}

/** `module.exports…` or `exports.x` assignments: the export target as written, or null. */
function commonJsExport(expression: ts.Expression, bindings: LocalBindings): string | null {
  let target: ts.Expression | null = null;
  let assigns = false;
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    target = expression.left;
  } else if (
    ts.isCallExpression(expression) &&
    ts.isPropertyAccessExpression(expression.expression) &&
    ts.isIdentifier(expression.expression.expression) &&
    expression.expression.expression.text === 'Object' &&
    expression.expression.name.text === 'assign' &&
    expression.arguments[0]
  ) {
    target = expression.arguments[0];
    assigns = true;
  }
  if (!target) return null;
  const root = rootOfAccessChain(target);
  if (!root) return null;
  const { text } = root;
  const isModuleExports = text === 'module.exports' || text.startsWith('module.exports.');
  // A local named `module` or `exports` is the user's own object, not CommonJS.
  if (isModuleExports && !bindings.has('module')) return text;
  const isExports = text.startsWith('exports.') || (assigns && text === 'exports');
  if (isExports && !bindings.has('exports')) return text;
  return null;
}

function rootOfAccessChain(node: ts.Expression): { text: string } | null {
  const parts: string[] = [];
  let current: ts.Expression = node;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      parts.unshift(current.name.text);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current) && ts.isStringLiteralLike(current.argumentExpression)) {
      parts.unshift(current.argumentExpression.text);
      current = current.expression;
    } else if (ts.isIdentifier(current)) {
      parts.unshift(current.text);
      return { text: parts.join('.') };
    } else {
      return null;
    }
  }
}

function commonJsMessage(target: string): string {
  const name = target.replace(/^module\.exports\.?|^exports\./, '');
  const example = isHandlerShaped(name) ? name : '<prefix>_on<Event>';
  return `CommonJS export \`${target}\` is not supported by Velo in events.js; use ES module syntax: \`export function ${example}(event) { … }\``;
}

function duplicateExportFindings(exports: ExportFact[]): Finding[] {
  const first = new Map<string, ExportFact>();
  const findings: Finding[] = [];
  for (const fact of exports) {
    const earlier = first.get(fact.name);
    if (!earlier) {
      first.set(fact.name, fact);
      continue;
    }
    findings.push({
      code: 'duplicate-export',
      ...fact.nameAt,
      message: `\`${fact.name}\` is already exported at line ${earlier.nameAt.line}, column ${earlier.nameAt.column}; a module that exports one name twice does not load, so Velo runs none of its handlers. Remove one of the exports`,
    });
  }
  return findings;
}
