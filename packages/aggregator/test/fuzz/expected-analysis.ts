import type { EventsStatement, FuzzCase, HelperFile, HelperStatement, Source } from './export-forms';

/**
 * An independent model of what the analyzer must say about a generated case: written from
 * shared/SPEC.md §3–§4 and ECMA-262 (early errors, ResolveExport), from the case's data,
 * never from the analyzer's code or output. It predicts the table (handler names, async)
 * and every diagnostic as `code file:line`.
 */
export interface ExpectedAnalysis {
  /** `name` or `name async`, sorted. */
  table: string[];
  /** `code file:line`, sorted. */
  diagnostics: string[];
}

/** SPEC §3: the shape Velo's handler names take (restated here on purpose). */
const HANDLER_SHAPED = /^[a-z][A-Za-z0-9]*_on[A-Z][A-Za-z0-9]*$/;

type Role = 'handler' | 'hook' | 'other';

/** What each generated name is, by the catalog (shared/velo/catalog.json) and SPEC §4. */
const NAMES: Record<string, { role: Role; codes: string[] }> = {
  wixCrm_onContactCreated: { role: 'handler', codes: [] },
  wixCrm_onContactDeleted: { role: 'handler', codes: [] },
  wixBilling_onInvoicePaid: { role: 'handler', codes: [] },
  // Documented, and deprecated in favour of wixBookingsV2_onBookingCanceled.
  wixBookings_onBookingCanceled: { role: 'handler', codes: ['deprecated-event'] },
  // wixCrm is a documented prefix without this event.
  wixCrm_onContactZapped: { role: 'handler', codes: ['unknown-event'] },
  wixZork_onThingHappened: { role: 'handler', codes: ['unknown-module'] },
  Items_beforeInsert: { role: 'hook', codes: ['misplaced-hook'] },
};
const OTHER = { role: 'other' as Role, codes: ['non-handler-export'] };

type Value =
  | { kind: 'function'; async: boolean; params: number; file: string; line: number }
  | { kind: 'not-function' | 'dynamic' }
  | { kind: 'object'; members: string[] }
  | { kind: 'import'; from: Source; imported: string }
  | { kind: 'bare' }
  | { kind: 'unresolved' };

interface ModelExport {
  name: string;
  line: number;
  value: Value;
}

interface ModuleModel {
  file: string;
  /** The line of the first error that stops the module from parsing, if any. */
  parseErrorLine: number | null;
  /** Explicit exports in source order, `default` included. */
  exports: ModelExport[];
  stars: { from: Source; line: number }[];
  /** Names taken from local modules: each must exist there. */
  imports: { from: Source; imported: string; line: number }[];
  /** Each local module named, at its first mention. */
  specifiers: Map<Source, number>;
  /** CommonJS, `export default`, `export * from '<package>'`: lines. */
  unsupported: number[];
}

/**
 * ECMA-262 early errors for top-level declarations in a module: a name declared twice is a
 * SyntaxError unless both are `var`. Errors found while parsing come in source order; an
 * export of an undeclared name only once the whole module is read; and the TypeScript
 * parser's syntax errors are looked at before any of them.
 */
class ErrorTracker {
  private readonly declared = new Map<string, 'lexical' | 'var'>();
  syntaxErrorLine: number | null = null;
  earlyErrorLine: number | null = null;
  undeclaredExportLine: number | null = null;

  declare(name: string, kind: 'lexical' | 'var', line: number): void {
    const earlier = this.declared.get(name);
    if (earlier !== undefined && (earlier === 'lexical' || kind === 'lexical')) this.earlyErrorLine ??= line;
    if (earlier !== 'lexical') this.declared.set(name, kind);
  }

  get firstErrorLine(): number | null {
    return this.syntaxErrorLine ?? this.earlyErrorLine ?? this.undeclaredExportLine;
  }
}

function emptyModule(file: string): ModuleModel {
  return { file, parseErrorLine: null, exports: [], stars: [], imports: [], specifiers: new Map(), unsupported: [] };
}

function modelEvents(statements: readonly EventsStatement[]): ModuleModel {
  const file = 'events.js';
  const module = emptyModule(file);
  const errors = new ErrorTracker();
  statements.forEach((statement, index) => {
    const line = index + 1;
    const local = `local${index}`;
    const mention = (from: Source): void => {
      if (from !== 'bare' && !module.specifiers.has(from)) module.specifiers.set(from, line);
    };
    const importFrom = (from: Source, imported: string): Value => {
      mention(from);
      if (from === 'bare') return { kind: 'bare' };
      module.imports.push({ from, imported, line });
      return { kind: 'import', from, imported };
    };
    const exportAs = (name: string, value: Value): void => {
      module.exports.push({ name, line, value });
    };
    switch (statement.form) {
      case 'function-declaration':
        errors.declare(statement.name, 'lexical', line);
        exportAs(statement.name, { kind: 'function', ...statement.fn, file, line });
        break;
      case 'arrow':
      case 'function-expression':
        errors.declare(statement.name, statement.declare === 'var' ? 'var' : 'lexical', line);
        exportAs(statement.name, { kind: 'function', ...statement.fn, file, line });
        break;
      case 'renamed-local':
        errors.declare(local, 'lexical', line);
        exportAs(statement.name, { kind: 'function', ...statement.fn, file, line });
        break;
      case 'alias':
        errors.declare(local, 'lexical', line);
        errors.declare(statement.name, 'lexical', line);
        exportAs(statement.name, { kind: 'function', ...statement.fn, file, line });
        break;
      case 'reexport':
        exportAs(statement.name, importFrom(statement.from, statement.imported));
        break;
      case 'import-reexport':
        errors.declare(local, 'lexical', line);
        exportAs(statement.name, importFrom(statement.from, statement.imported));
        break;
      case 'import-default':
        errors.declare(local, 'lexical', line);
        exportAs(statement.name, importFrom(statement.from, 'default'));
        break;
      case 'star':
        mention(statement.from);
        if (statement.from === 'bare') module.unsupported.push(line);
        else module.stars.push({ from: statement.from, line });
        break;
      case 'namespace':
        // A module namespace object is not a function; one from a package is package code.
        mention(statement.from);
        exportAs(statement.name, statement.from === 'bare' ? { kind: 'bare' } : { kind: 'not-function' });
        break;
      case 'dynamic':
        errors.declare(statement.name, statement.declare === 'var' ? 'var' : 'lexical', line);
        exportAs(statement.name, { kind: 'dynamic' });
        break;
      case 'not-function':
        errors.declare(statement.name, 'lexical', line);
        exportAs(statement.name, statement.value === 'plain-object' ? { kind: 'object', members: [] } : { kind: 'not-function' });
        break;
      case 'object':
        errors.declare(statement.name, 'lexical', line);
        exportAs(statement.name, { kind: 'object', members: [statement.member] });
        break;
      case 'prefix-object':
        errors.declare('wixCrm', 'lexical', line);
        exportAs('wixCrm', { kind: 'object', members: ['onContactCreated'] });
        break;
      case 'default':
        if (statement.value === 'specifier') errors.declare(local, 'lexical', line);
        module.unsupported.push(line);
        exportAs('default', { kind: 'unresolved' });
        break;
      case 'commonjs':
        module.unsupported.push(line);
        break;
      case 'undeclared-export':
        // Every one exports the same undeclared local; acorn places the error at its last export.
        errors.undeclaredExportLine = line;
        break;
      case 'syntax-error':
        errors.syntaxErrorLine ??= line;
        break;
      case 'early-error':
        errors.earlyErrorLine ??= line;
        break;
      case 'noise':
        if (statement.variant === 'string' || statement.variant === 'local') errors.declare(`note${index}`, 'lexical', line);
        break;
    }
  });
  module.parseErrorLine = errors.firstErrorLine;
  return module;
}

function modelHelper(file: HelperFile, statements: readonly HelperStatement[]): ModuleModel {
  const module = emptyModule(file);
  const errors = new ErrorTracker();
  statements.forEach((statement, index) => {
    const line = index + 1;
    switch (statement.form) {
      case 'function-declaration':
        errors.declare(statement.name, 'lexical', line);
        module.exports.push({ name: statement.name, line, value: { kind: 'function', ...statement.fn, file, line } });
        break;
      case 'renamed-local':
        errors.declare(`inner${index}`, 'lexical', line);
        module.exports.push({ name: statement.name, line, value: { kind: 'function', ...statement.fn, file, line } });
        break;
      case 'value':
        errors.declare(statement.name, 'lexical', line);
        module.exports.push({ name: statement.name, line, value: { kind: statement.value === 'number' ? 'not-function' : 'dynamic' } });
        break;
      case 'default':
        module.exports.push({ name: 'default', line, value: { kind: 'function', ...statement.fn, file, line } });
        break;
      case 'syntax-error':
        errors.syntaxErrorLine ??= line;
        break;
    }
  });
  module.parseErrorLine = errors.firstErrorLine;
  return module;
}

/** Lines of the second and later exports of a name already exported. */
function duplicateLines(module: ModuleModel): number[] {
  const seen = new Set<string>();
  const lines: number[] = [];
  for (const { name, line } of module.exports) {
    if (seen.has(name)) lines.push(line);
    seen.add(name);
  }
  return lines;
}

function firstExport(module: ModuleModel, name: string): ModelExport | undefined {
  return module.exports.find((e) => e.name === name);
}

export function expectedAnalysis(fuzzCase: FuzzCase): ExpectedAnalysis {
  const diagnostics: string[] = [];
  const report = (code: string, file: string, line: number): void => {
    diagnostics.push(`${code} ${file}:${line}`);
  };
  const done = (table: string[]): ExpectedAnalysis => ({ table: table.sort(), diagnostics: diagnostics.sort() });

  const events = modelEvents(fuzzCase.events);
  // A module that does not parse says nothing else, and nothing it imports is read.
  if (events.parseErrorLine !== null) {
    report('parse-error', events.file, events.parseErrorLine);
    return done([]);
  }
  const helpers = new Map<Source, ModuleModel>();
  for (const file of ['helper.js', 'helper2.js'] as const) {
    const statements = fuzzCase.helpers[file];
    if (statements !== null) helpers.set(file, modelHelper(file, statements));
  }
  const parsed = (from: Source): ModuleModel | null => {
    const helper = helpers.get(from);
    return helper && helper.parseErrorLine === null ? helper : null;
  };

  // Anything that stops events.js or a module it imports from loading: Velo runs nothing.
  let failsToLoad = false;
  for (const line of duplicateLines(events)) {
    report('duplicate-export', events.file, line);
    failsToLoad = true;
  }
  for (const line of events.unsupported) report('unsupported-export', events.file, line);
  for (const [from, line] of events.specifiers) {
    const helper = helpers.get(from);
    if (helper === undefined) {
      report('unresolved-import', events.file, line);
      failsToLoad = true;
    } else if (helper.parseErrorLine !== null) {
      report('parse-error', helper.file, helper.parseErrorLine);
      failsToLoad = true;
    } else {
      for (const line of duplicateLines(helper)) {
        report('duplicate-export', helper.file, line);
        failsToLoad = true;
      }
    }
  }
  for (const { from, imported, line } of events.imports) {
    const helper = parsed(from);
    if (helper && firstExport(helper, imported) === undefined) {
      report('unresolved-import', events.file, line);
      failsToLoad = true;
    }
  }

  // ResolveExport: explicit exports first; a star never gives `default`; one name from two
  // different modules through stars is ambiguous, so not exported.
  const names = new Set(events.exports.map((e) => e.name));
  for (const star of events.stars) {
    for (const e of parsed(star.from)?.exports ?? []) if (e.name !== 'default') names.add(e.name);
  }
  names.delete('default');
  const resolved: { name: string; file: string; line: number; value: Value }[] = [];
  for (const name of names) {
    const explicit = firstExport(events, name);
    if (explicit) {
      let value = explicit.value;
      if (value.kind === 'import') {
        const target = parsed(value.from);
        value = (target && firstExport(target, value.imported)?.value) ?? { kind: 'unresolved' };
      }
      resolved.push({ name, file: events.file, line: explicit.line, value });
      continue;
    }
    let found: { from: Source; e: ModelExport } | null = null;
    let ambiguous = false;
    for (const star of events.stars) {
      const target = parsed(star.from);
      const e = target && firstExport(target, name);
      if (!e) continue;
      if (found === null) {
        found = { from: star.from, e };
      } else if (found.from !== star.from) {
        report('duplicate-export', events.file, star.line);
        ambiguous = true;
        break;
      }
    }
    if (found && !ambiguous) resolved.push({ name, file: found.from, line: found.e.line, value: found.e.value });
  }

  // SPEC §4, export by export.
  const exported = new Set(resolved.map((r) => r.name));
  const table: string[] = [];
  for (const { name, file, line, value } of resolved) {
    if (value.kind === 'unresolved') continue;
    if (value.kind === 'bare') {
      report('unsupported-export', file, line);
      continue;
    }
    const verdict = NAMES[name] ?? OTHER;
    let wraps = false;
    if (value.kind === 'object') {
      const wrapped = value.members
        .map((member) => (HANDLER_SHAPED.test(member) ? member : `${name}_${member}`))
        .filter((handler) => HANDLER_SHAPED.test(handler) && !exported.has(handler));
      if (wrapped.length > 0) {
        report('unsupported-export', file, line);
        wraps = true;
      }
    }
    if (verdict.role !== 'handler') {
      if (!(wraps && verdict.role === 'other')) for (const code of verdict.codes) report(code, file, line);
      continue;
    }
    if (value.kind === 'function') {
      for (const code of verdict.codes) report(code, file, line);
      if (value.params > 1) report('handler-arity', value.file, value.line);
      table.push(value.async ? `${name} async` : name);
    } else if (value.kind === 'dynamic') {
      report('unsupported-export', file, line);
    } else {
      report('not-a-function', file, line);
    }
  }
  return done(failsToLoad ? [] : table);
}
