import fc from 'fast-check';

/**
 * A grammar of the export forms an events.js can take (shared/SPEC.md §3–§4), valid and
 * broken, as data: a case is a list of statements for events.js and for up to two helper
 * modules it may import from. `renderCase` turns a case into module texts; the model in
 * expected-analysis.ts predicts, from the same data, what the analyzer must say.
 * Every statement is one line, so each knows its own line number.
 */

export type HelperFile = 'helper.js' | 'helper2.js';
/** Where an import points: a helper (absent in some cases), a file never there, a package. */
export type Source = HelperFile | 'missing' | 'bare';

export const SPECIFIERS: Record<Source, string> = {
  'helper.js': './helper.js',
  'helper2.js': './helper2.js',
  missing: './missing.js',
  bare: 'wix-stores-backend',
};

/**
 * Export names usable as identifiers, chosen to hit every name verdict: documented handlers,
 * a deprecated one, an unknown event, an unknown prefix, a data hook, plain names.
 */
export const IDENTIFIER_NAMES = [
  'wixCrm_onContactCreated',
  'wixCrm_onContactDeleted',
  'wixBilling_onInvoicePaid',
  'wixBookings_onBookingCanceled',
  'wixCrm_onContactZapped',
  'wixZork_onThingHappened',
  'Items_beforeInsert',
  'helper',
  'version',
] as const;

// ES2022 string export names no identifier can spell: quotes, a comment end, a newline, a space.
export const STRING_ONLY_NAMES = ["wix'X_on`Y", '*/ globalThis.pwned = 1; /*', 'wixBilling_onInvoicePaid\n', 'a b'] as const;

/** What helper modules export (a subset of the identifiers, so stars collide with explicit names). */
export const HELPER_NAMES = ['wixCrm_onContactCreated', 'wixCrm_onContactDeleted', 'wixBilling_onInvoicePaid', 'helper'] as const;

export interface FunctionShape {
  async: boolean;
  params: number;
}

export type Declaration = 'const' | 'let' | 'var';

export type EventsStatement =
  | { form: 'function-declaration'; name: string; fn: FunctionShape }
  | { form: 'arrow' | 'function-expression'; declare: Declaration; name: string; fn: FunctionShape }
  /** `function L(…) {} export { L as N }`, N possibly a string literal. */
  | { form: 'renamed-local'; name: string; quoted: boolean; fn: FunctionShape }
  /** `function L(…) {} export const N = L` */
  | { form: 'alias'; name: string; fn: FunctionShape }
  /** `export { X as N } from '…'` */
  | { form: 'reexport'; name: string; quoted: boolean; imported: string; from: Source }
  /** `import { X as L } from '…'; export { L as N }` */
  | { form: 'import-reexport'; name: string; imported: string; from: Source }
  /** `import L from '…'; export { L as N }` */
  | { form: 'import-default'; name: string; from: HelperFile | 'missing' }
  | { form: 'star'; from: Source }
  /** `export * as N from '…'` */
  | { form: 'namespace'; name: string; from: Source }
  | { form: 'dynamic'; declare: Declaration; name: string; expression: 'call' | 'conditional' | 'member' | 'undeclared' }
  | { form: 'not-function'; name: string; value: NotFunctionValue }
  /** `export const N = { M(event) {} }` */
  | { form: 'object'; name: string; member: string; style: 'method' | 'arrow' }
  /** `export const wixCrm = { onContactCreated(event) {} }`: a handler by prefix + member. */
  | { form: 'prefix-object' }
  | { form: 'default'; value: 'function' | 'async-function' | 'object' | 'specifier' }
  | { form: 'commonjs'; target: 'module.exports.N' | 'exports.N' | 'module.exports'; name: string }
  /** `export { nothing as N }`: exports a name the module never declares. */
  | { form: 'undeclared-export'; name: string }
  /** A TypeScript-parser syntax error on this line. */
  | { form: 'syntax-error'; name: string; variant: 0 | 1 | 2 | 3 }
  /** Valid JavaScript syntax that is an ES module early error (found by acorn). */
  | { form: 'early-error'; variant: 'with' | 'type-annotation' | 'return' | 'delete' | 'parameter-clash' }
  | { form: 'noise'; variant: 'comment' | 'string' | 'blank' | 'local' };

export type NotFunctionValue =
  | 'number'
  | 'string'
  | 'array'
  | 'null'
  | 'class-expression'
  | 'generator-expression'
  | 'plain-object'
  | 'class-declaration'
  | 'generator-declaration';

export type HelperStatement =
  | { form: 'function-declaration'; name: string; fn: FunctionShape }
  | { form: 'renamed-local'; name: string; fn: FunctionShape }
  | { form: 'value'; name: string; value: 'number' | 'call' }
  | { form: 'default'; fn: FunctionShape }
  | { form: 'syntax-error' };

export interface FuzzCase {
  events: EventsStatement[];
  /** null: the file does not exist. */
  helpers: Record<HelperFile, HelperStatement[] | null>;
  newline: '\n' | '\r\n';
}

// ---------------------------------------------------------------- rendering

function params(count: number): string {
  return ['event', 'context', 'extra'].slice(0, count).join(', ');
}

function fnPrefix(fn: FunctionShape): string {
  return fn.async ? 'async ' : '';
}

/** An export name as written in an export clause: a string literal when it must be (or asked). */
function exportName(name: string, quoted: boolean): string {
  return quoted || !/^[A-Za-z_$][\w$]*$/.test(name) ? JSON.stringify(name) : name;
}

function quote(source: Source): string {
  return `'${SPECIFIERS[source]}'`;
}

export function renderEventsStatement(statement: EventsStatement, index: number): string {
  const local = `local${index}`;
  switch (statement.form) {
    case 'function-declaration':
      return `export ${fnPrefix(statement.fn)}function ${statement.name}(${params(statement.fn.params)}) {}`;
    case 'arrow':
      return `export ${statement.declare} ${statement.name} = ${fnPrefix(statement.fn)}(${params(statement.fn.params)}) => {};`;
    case 'function-expression':
      return `export ${statement.declare} ${statement.name} = ${fnPrefix(statement.fn)}function (${params(statement.fn.params)}) {};`;
    case 'renamed-local':
      return `${fnPrefix(statement.fn)}function ${local}(${params(statement.fn.params)}) {} export { ${local} as ${exportName(statement.name, statement.quoted)} };`;
    case 'alias':
      return `${fnPrefix(statement.fn)}function ${local}(${params(statement.fn.params)}) {} export const ${statement.name} = ${local};`;
    case 'reexport':
      return `export { ${statement.imported} as ${exportName(statement.name, statement.quoted)} } from ${quote(statement.from)};`;
    case 'import-reexport':
      return `import { ${statement.imported} as ${local} } from ${quote(statement.from)}; export { ${local} as ${statement.name} };`;
    case 'import-default':
      return `import ${local} from ${quote(statement.from)}; export { ${local} as ${statement.name} };`;
    case 'star':
      return `export * from ${quote(statement.from)};`;
    case 'namespace':
      return `export * as ${statement.name} from ${quote(statement.from)};`;
    case 'dynamic': {
      const expression = { call: 'make()', conditional: 'cond ? left : right', member: 'settings.handler', undeclared: 'somewhereElse' }[
        statement.expression
      ];
      return `export ${statement.declare} ${statement.name} = ${expression};`;
    }
    case 'not-function':
      switch (statement.value) {
        case 'class-declaration':
          return `export class ${statement.name} {}`;
        case 'generator-declaration':
          return `export function* ${statement.name}(event) {}`;
        default: {
          const value = {
            number: '42',
            string: "'text'",
            array: '[1, 2]',
            null: 'null',
            'class-expression': 'class {}',
            'generator-expression': 'function* (event) {}',
            'plain-object': '{ retries: 3 }',
          }[statement.value];
          return `export const ${statement.name} = ${value};`;
        }
      }
    case 'object':
      return statement.style === 'method'
        ? `export const ${statement.name} = { ${statement.member}(event) {} };`
        : `export const ${statement.name} = { ${statement.member}: (event) => {} };`;
    case 'prefix-object':
      return 'export const wixCrm = { onContactCreated(event) {} };';
    case 'default':
      switch (statement.value) {
        case 'function':
          return 'export default function (event) {}';
        case 'async-function':
          return 'export default async function (event) {}';
        case 'object':
          return 'export default { wixCrm_onContactCreated(event) {} };';
        case 'specifier':
          return `function ${local}(event) {} export { ${local} as default };`;
      }
    case 'commonjs':
      return statement.target === 'module.exports'
        ? 'module.exports = {};'
        : `${statement.target === 'exports.N' ? 'exports' : 'module.exports'}.${statement.name} = function (event) {};`;
    case 'undeclared-export':
      return `export { nothing as ${statement.name} };`;
    case 'syntax-error':
      return [
        `export const ${statement.name} = ;`,
        `export { ${statement.name} as };`,
        `export const ${statement.name} = 1 +;`,
        `export const ${statement.name} = 08;`,
      ][statement.variant]!;
    case 'early-error':
      return {
        with: 'with (settings) {}',
        'type-annotation': `const typed${index}: number = 1;`,
        return: 'return 1;',
        delete: 'delete settings;',
        'parameter-clash': `function clash${index}(a, a) {}`,
      }[statement.variant];
    case 'noise':
      return {
        comment: '// export function wixCrm_onContactUpdated(event) {}',
        string: `const note${index} = "export function wixCrm_onContactUpdated(event) {}";`,
        blank: '',
        local: `const note${index} = 1;`,
      }[statement.variant];
  }
}

export function renderHelperStatement(statement: HelperStatement, index: number): string {
  switch (statement.form) {
    case 'function-declaration':
      return `export ${fnPrefix(statement.fn)}function ${statement.name}(${params(statement.fn.params)}) {}`;
    case 'renamed-local':
      return `${fnPrefix(statement.fn)}function inner${index}(${params(statement.fn.params)}) {} export { inner${index} as ${statement.name} };`;
    case 'value':
      return `export const ${statement.name} = ${statement.value === 'number' ? '7' : 'make()'};`;
    case 'default':
      return `export default ${fnPrefix(statement.fn)}function (${params(statement.fn.params)}) {}`;
    case 'syntax-error':
      return 'export const broken = ;';
  }
}

/** The files of a case: `events.js` and each helper that exists. */
export function renderCase(fuzzCase: FuzzCase): Record<string, string> {
  const files: Record<string, string> = {
    'events.js': fuzzCase.events.map(renderEventsStatement).join(fuzzCase.newline),
  };
  for (const [file, statements] of Object.entries(fuzzCase.helpers)) {
    if (statements !== null) files[file] = statements.map(renderHelperStatement).join(fuzzCase.newline);
  }
  return files;
}

// ---------------------------------------------------------------- arbitraries

const fnShape: fc.Arbitrary<FunctionShape> = fc.record({
  async: fc.boolean(),
  params: fc.constantFrom(0, 1, 1, 1, 2),
});
const identifierName = fc.constantFrom(...IDENTIFIER_NAMES);
const anyName = fc.oneof({ weight: 5, arbitrary: identifierName }, { weight: 1, arbitrary: fc.constantFrom(...STRING_ONLY_NAMES) });
const helperName = fc.constantFrom(...HELPER_NAMES);
const declaration = fc.constantFrom<Declaration>('const', 'let', 'var');
const localSource = fc.constantFrom<Source>('helper.js', 'helper.js', 'helper2.js', 'missing');
const anySource = fc.oneof({ weight: 4, arbitrary: localSource }, { weight: 1, arbitrary: fc.constant<Source>('bare') });

/** Statements that parse (a module of them may still repeat a name). */
const parsingStatement: fc.Arbitrary<EventsStatement> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ form: fc.constant('function-declaration' as const), name: identifierName, fn: fnShape }) },
  {
    weight: 3,
    arbitrary: fc.record({
      form: fc.constantFrom('arrow' as const, 'function-expression' as const),
      declare: declaration,
      name: identifierName,
      fn: fnShape,
    }),
  },
  { weight: 3, arbitrary: fc.record({ form: fc.constant('renamed-local' as const), name: anyName, quoted: fc.boolean(), fn: fnShape }) },
  { weight: 2, arbitrary: fc.record({ form: fc.constant('alias' as const), name: identifierName, fn: fnShape }) },
  {
    weight: 2,
    arbitrary: fc.record({ form: fc.constant('reexport' as const), name: anyName, quoted: fc.boolean(), imported: helperName, from: anySource }),
  },
  { weight: 1, arbitrary: fc.record({ form: fc.constant('import-reexport' as const), name: identifierName, imported: helperName, from: anySource }) },
  {
    weight: 1,
    arbitrary: fc.record({ form: fc.constant('import-default' as const), name: identifierName, from: fc.constantFrom<HelperFile | 'missing'>('helper.js', 'helper2.js', 'missing') }),
  },
  { weight: 2, arbitrary: fc.record({ form: fc.constant('star' as const), from: anySource }) },
  { weight: 1, arbitrary: fc.record({ form: fc.constant('namespace' as const), name: identifierName, from: anySource }) },
  {
    weight: 2,
    arbitrary: fc.record({
      form: fc.constant('dynamic' as const),
      declare: declaration,
      name: identifierName,
      expression: fc.constantFrom('call' as const, 'conditional' as const, 'member' as const, 'undeclared' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      form: fc.constant('not-function' as const),
      name: identifierName,
      value: fc.constantFrom<NotFunctionValue>(
        'number',
        'string',
        'array',
        'null',
        'class-expression',
        'generator-expression',
        'plain-object',
        'class-declaration',
        'generator-declaration',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ form: fc.constant('object' as const), name: identifierName, member: identifierName, style: fc.constantFrom('method' as const, 'arrow' as const) }),
  },
  { weight: 1, arbitrary: fc.constant({ form: 'prefix-object' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ form: fc.constant('default' as const), value: fc.constantFrom('function' as const, 'async-function' as const, 'object' as const, 'specifier' as const) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      form: fc.constant('commonjs' as const),
      target: fc.constantFrom('module.exports.N' as const, 'exports.N' as const, 'module.exports' as const),
      name: identifierName,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ form: fc.constant('noise' as const), variant: fc.constantFrom('comment' as const, 'string' as const, 'blank' as const, 'local' as const) }),
  },
);

/** Statements that stop a module from parsing. */
const brokenStatement: fc.Arbitrary<EventsStatement> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ form: fc.constant('undeclared-export' as const), name: identifierName }) },
  { weight: 1, arbitrary: fc.record({ form: fc.constant('syntax-error' as const), name: identifierName, variant: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      form: fc.constant('early-error' as const),
      variant: fc.constantFrom('with' as const, 'type-annotation' as const, 'return' as const, 'delete' as const, 'parameter-clash' as const),
    }),
  },
);

const eventsStatement = fc.oneof({ weight: 12, arbitrary: parsingStatement }, { weight: 1, arbitrary: brokenStatement });

const helperStatement: fc.Arbitrary<HelperStatement> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ form: fc.constant('function-declaration' as const), name: helperName, fn: fnShape }) },
  { weight: 2, arbitrary: fc.record({ form: fc.constant('renamed-local' as const), name: helperName, fn: fnShape }) },
  { weight: 2, arbitrary: fc.record({ form: fc.constant('value' as const), name: helperName, value: fc.constantFrom('number' as const, 'call' as const) }) },
  { weight: 1, arbitrary: fc.record({ form: fc.constant('default' as const), fn: fnShape }) },
  { weight: 1, arbitrary: fc.constant({ form: 'syntax-error' as const }) },
);

const helperModule = fc.option(fc.array(helperStatement, { maxLength: 4 }), { freq: 6 });

/** The name a statement exports, or one of its own when it exports none. */
function exportedName(statement: EventsStatement): string {
  return 'name' in statement ? statement.name : JSON.stringify(statement);
}

/**
 * Half the cases export each name once and parse, so that many of them load and fill a
 * table; the other half may repeat names (duplicate exports, redeclarations) and break.
 */
const eventsModule = fc.oneof(
  fc.uniqueArray(parsingStatement, { maxLength: 7, selector: exportedName }),
  fc.array(eventsStatement, { maxLength: 7 }),
);

export const fuzzCaseArbitrary: fc.Arbitrary<FuzzCase> = fc.record({
  events: eventsModule,
  helpers: fc.record({ 'helper.js': helperModule, 'helper2.js': helperModule }),
  newline: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
});
