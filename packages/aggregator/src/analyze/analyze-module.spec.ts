import { analyzeModule } from './analyze-module';
import type { ModuleFacts } from './module-facts';

const FILE = 'src/backend/events.js';
const at = (line: number, column: number) => ({ file: FILE, line, column });

/** The exports as `name@line:col → value` summaries, for compact exact assertions. */
function summary(facts: ModuleFacts): string[] {
  return facts.exports.map(({ name, nameAt, value }) => {
    const where = `${name}@${nameAt.line}:${nameAt.column}`;
    switch (value.kind) {
      case 'function':
        return `${where} → function${value.async ? ' async' : ''}(${value.params}) defined ${value.at.line}:${value.at.column}`;
      case 'import':
        return `${where} → import ${value.imported} from '${value.specifier}'`;
      case 'object':
        return `${where} → object {${value.members.map((m) => m.name).join(', ')}}`;
      default:
        return `${where} → ${value.kind}: ${value.what}`;
    }
  });
}

describe('analyzeModule: accepted export forms', () => {
  it.each<[string, string, string[]]>([
    ['function declaration', 'export function wixA_onB(event) {}', ['wixA_onB@1:17 → function(1) defined 1:1']],
    ['async function', 'export async function wixA_onB(event) {}', ['wixA_onB@1:23 → function async(1) defined 1:1']],
    ['const arrow', 'export const wixA_onB = (event) => {};', ['wixA_onB@1:14 → function(1) defined 1:1']],
    ['async arrow', 'export const wixA_onB = async event => {};', ['wixA_onB@1:14 → function async(1) defined 1:1']],
    ['let function expression', 'export let wixA_onB = function (event) {};', ['wixA_onB@1:12 → function(1) defined 1:1']],
    ['var async function expression', 'export var wixA_onB = async function named(e) {};', ['wixA_onB@1:12 → function async(1) defined 1:1']],
    ['parenthesised arrow', 'export const wixA_onB = ((event) => {});', ['wixA_onB@1:14 → function(1) defined 1:1']],
    ['local function renamed', 'function f(event) {}\nexport { f as wixA_onB };', ['wixA_onB@2:15 → function(1) defined 1:1']],
    ['const bound to a local function', 'function f(event) {}\nexport const wixA_onB = f;', ['wixA_onB@2:14 → function(1) defined 1:1']],
    ['chain of consts', 'const f = (e) => 1;\nconst g = f;\nexport { g as wixA_onB };', ['wixA_onB@3:15 → function(1) defined 1:1']],
    ['string export name', 'function f(e) {}\nexport { f as "wixA_onB" };', ['wixA_onB@2:15 → function(1) defined 1:1']],
    ['zero parameters', 'export function wixA_onB() {}', ['wixA_onB@1:17 → function(0) defined 1:1']],
    ['re-export', "export { wixA_onB } from './orders.js';", ["wixA_onB@1:10 → import wixA_onB from './orders.js'"]],
    ['renamed re-export', "export { run as wixA_onB } from 'backend/orders';", ["wixA_onB@1:17 → import run from 'backend/orders'"]],
    ['import then export', "import { run } from './orders';\nexport { run as wixA_onB };", ["wixA_onB@2:17 → import run from './orders'"]],
    ['default import then export', "import run from './orders';\nexport const wixA_onB = run;", ["wixA_onB@2:14 → import default from './orders'"]],
  ])('%s', (_, source, expected) => {
    const facts = analyzeModule(FILE, source);
    expect(summary(facts)).toEqual(expected);
    expect(facts.moduleFindings).toEqual([]);
    expect(facts.eventsFileFindings).toEqual([]);
  });

  it('records `export *` from local modules and every local specifier', () => {
    const facts = analyzeModule(
      FILE,
      "import a from 'wix-data';\nimport { b } from 'public/b.js';\nexport * from './orders';\nexport * from 'backend/c';\n",
    );
    expect(facts.stars).toEqual([
      { specifier: './orders', at: at(3, 1) },
      { specifier: 'backend/c', at: at(4, 1) },
    ]);
    expect(facts.localSpecifiers).toEqual([
      { specifier: 'public/b.js', at: at(2, 19) },
      { specifier: './orders', at: at(3, 15) },
      { specifier: 'backend/c', at: at(4, 15) },
    ]);
  });
});

describe('analyzeModule: values Velo cannot call', () => {
  it.each<[string, string, string]>([
    ['a call', 'export const wixA_onB = make("x");', 'wixA_onB@1:14 → dynamic: the result of `make("x")`'],
    ['a member access', 'export const wixA_onB = handlers.onB;', 'wixA_onB@1:14 → dynamic: the member access `handlers.onB`'],
    ['a condition', 'export const wixA_onB = a ? b : c;', 'wixA_onB@1:14 → dynamic: a conditional expression'],
    ['an undeclared name', 'export const wixA_onB = somewhere;', 'wixA_onB@1:14 → dynamic: `somewhere`, a name this module does not declare'],
    ['a number', 'export const wixA_onB = 42;', 'wixA_onB@1:14 → not-function: a number'],
    ['a string', "export const wixA_onB = 'x';", 'wixA_onB@1:14 → not-function: a string'],
    ['a template string', 'export const wixA_onB = `x${1}`;', 'wixA_onB@1:14 → not-function: a string'],
    ['a class', 'export class wixA_onB {}', 'wixA_onB@1:14 → not-function: a class'],
    ['a generator', 'export function* wixA_onB(e) {}', 'wixA_onB@1:18 → not-function: a generator function'],
    ['no initializer', 'export let wixA_onB;', 'wixA_onB@1:12 → not-function: undefined (declared without a value)'],
    ['an object', 'export const wixCrm = { onContactCreated(event) {}, n: 1 };', 'wixCrm@1:14 → object {onContactCreated}'],
    ['a namespace re-export', "export * as wixA_onB from './x';", 'wixA_onB@1:13 → not-function: a module namespace object'],
  ])('%s', (_, source, expected) => {
    expect(summary(analyzeModule(FILE, source))).toEqual([expected]);
  });

  it('does not loop on circular const references', () => {
    expect(summary(analyzeModule(FILE, 'const a = b;\nconst b = a;\nexport { a as wixA_onB };'))).toEqual([
      'wixA_onB@3:15 → dynamic: a circular reference',
    ]);
  });
});

describe('analyzeModule: an exported let/var the module assigns again (its value at event time is whatever ran last)', () => {
  const LET = 'export let wixA_onB = function (event) {};\n';
  it.each<[string, string, string[]]>([
    ['assigned at the top level', `${LET}wixA_onB = 42;`, ['wixA_onB@1:12 → dynamic: a variable the module assigns again (at 2:1)']],
    ['assigned in a function nobody may call', `${LET}function reset() {\n  wixA_onB = null;\n}`, ['wixA_onB@1:12 → dynamic: a variable the module assigns again (at 3:3)']],
    ['compound assignment, in a block', `${LET}if (debug) { wixA_onB ||= noop; }`, ['wixA_onB@1:12 → dynamic: a variable the module assigns again (at 2:14)']],
    ['increment', 'export var wixA_onB = (e) => e;\nwixA_onB++;', ['wixA_onB@1:12 → dynamic: a variable the module assigns again (at 2:1)']],
    ['destructuring assignment', `${LET}[wixA_onB] = [() => 1];`, ['wixA_onB@1:12 → dynamic: a variable the module assigns again (at 2:2)']],
    ['for-of target', `${LET}for (wixA_onB of list) {}`, ['wixA_onB@1:12 → dynamic: a variable the module assigns again (at 2:6)']],
    ['a local exported by name', 'let run = (event) => {};\nexport { run as wixA_onB };\nrun = undefined;', ['wixA_onB@2:17 → dynamic: a variable the module assigns again (at 3:1)']],
  ])('%s', (_, text, expected) => {
    expect(summary(analyzeModule(FILE, text))).toEqual(expected);
  });

  it.each<[string, string]>([
    ['never assigned again', `${LET}console.log(wixA_onB.name);`],
    ['a property of it is set, not the binding', `${LET}wixA_onB.retries = 3;`],
    ['a parameter of the same name is assigned', `${LET}function f(wixA_onB) {\n  wixA_onB = 1;\n}`],
    ['a local of the same name is assigned', `${LET}function g() {\n  let wixA_onB;\n  wixA_onB = 2;\n}\n{ const wixA_onB = 3; }`],
    ['a catch binding of the same name is assigned', `${LET}try {} catch (wixA_onB) { wixA_onB = 1; }`],
    ['compared, not assigned', `${LET}if (wixA_onB == other) {}`],
  ])('a near miss: %s', (_, text) => {
    expect(summary(analyzeModule(FILE, text))).toEqual(['wixA_onB@1:12 → function(1) defined 1:1']);
  });
});

describe('analyzeModule: unsupported module forms', () => {
  it('reports CommonJS, default exports and bare star re-exports with their locations', () => {
    const facts = analyzeModule(
      FILE,
      [
        "export * from '@velo/orders-backend';",
        'module.exports.wixA_onB = function (e) {};',
        'exports.wixC_onD = (e) => {};',
        'module.exports = {};',
        'export default { wixCrm_onContactCreated(event) {} };',
        'function f(e) {}',
        'export { f as default };',
        'Object.assign(exports, { wixE_onF() {} });',
      ].join('\n'),
    );
    expect(facts.eventsFileFindings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual([
      'unsupported-export@1:1',
      'unsupported-export@2:1',
      'unsupported-export@3:1',
      'unsupported-export@4:1',
      'unsupported-export@5:1',
      'unsupported-export@7:10',
      'unsupported-export@8:1',
    ]);
    expect(facts.eventsFileFindings[1]!.message).toBe(
      'CommonJS export `module.exports.wixA_onB` is not supported by Velo in events.js; use ES module syntax: `export function wixA_onB(event) { … }`',
    );
    expect(facts.eventsFileFindings[4]!.message).toBe(
      'Velo does not support `export default` in events.js and never calls a default export; export each handler on its own instead: `export function wixCrm_onContactCreated(event) { … }` (wrapped here: `wixCrm_onContactCreated`)',
    );
    // The second default is also a second `default` export name.
    expect(facts.moduleFindings.map((f) => `${f.code}@${f.line}:${f.column}`)).toEqual(['duplicate-export@7:15']);
  });

  it('does not mistake a local object named `module` or `exports` for CommonJS', () => {
    const facts = analyzeModule(FILE, 'const exports = {};\nexports.x = 1;\nconst module = { exports: {} };\nmodule.exports.y = 2;');
    expect(facts.eventsFileFindings).toEqual([]);
  });

  it('reports a name exported twice at the second export', () => {
    const facts = analyzeModule(FILE, 'export function wixA_onB(e) {}\nconst g = () => 1;\nexport { g as wixA_onB };');
    expect(facts.moduleFindings).toEqual([
      {
        code: 'duplicate-export',
        ...at(3, 15),
        message:
          '`wixA_onB` is already exported at line 1, column 17; a module that exports one name twice does not load, so Velo runs none of its handlers. Remove one of the exports',
      },
    ]);
  });

  it('reports the first syntax error and no exports', () => {
    const facts = analyzeModule(FILE, 'export function wixA_onB(event) {\n  return {;\n}\n');
    expect(facts.parsed).toBe(false);
    expect(facts.exports).toEqual([]);
    expect(facts.moduleFindings).toEqual([
      {
        code: 'parse-error',
        ...at(2, 11),
        message: 'Property assignment expected. — Velo cannot load this file, so none of its exports run',
      },
    ]);
  });
});

describe('analyzeModule: SDK registrations', () => {
  it('finds top-level @wix SDK callback registrations, awaited or not, aliased or not', () => {
    const facts = analyzeModule(
      FILE,
      [
        "import { products } from '@wix/stores';",
        "import { onContactCreated as onContact } from '@wix/crm';",
        "import wixData from 'wix-data';",
        'products.onProductCreated((event) => {});',
        'await onContact(() => {});',
        'wixData.onSomething(() => {});',
        'function later() { products.onProductUpdated(() => {}); }',
        'const stop = products.onProductDeleted(() => {});',
      ].join('\n'),
    );
    expect(facts.sdkRegistrations).toEqual([
      { callee: 'products.onProductCreated', event: 'onProductCreated', module: '@wix/stores', at: at(4, 1) },
      { callee: 'onContact', event: 'onContactCreated', module: '@wix/crm', at: at(5, 7) },
      { callee: 'products.onProductDeleted', event: 'onProductDeleted', module: '@wix/stores', at: at(8, 14) },
    ]);
  });
});

describe('analyzeModule: realistic files never produce a false handler', () => {
  it('ignores handler-like text in comments, strings, templates and URLs', () => {
    const source = [
      '// export function wixFake_onCommented(event) {}',
      '/* export const wixFake_onBlock = () => {}; */',
      "const doc = 'export function wixFake_onString(event) {}';",
      'const url = "https://example.com//export function wixFake_onUrl() {}"; // trailing',
      'const tpl = `export function wixFake_onTemplate() {} ${doc}`;',
      "const regex = /export function wixFake_onRegex/;",
      'export function wixBilling_onInvoicePaid(event) {',
      "  const msg = 'Über die Rechnung — 请付款 ✓';",
      "  return import('backend/lazy.js').then((m) => m.run(event, msg, url, tpl, regex));",
      '}',
      "import { helper } from './mid-file.js';",
      'export const wixEcom_onOrderApproved = () => helper();',
    ].join('\r\n');
    const facts = analyzeModule(FILE, source);
    expect(summary(facts)).toEqual([
      'wixBilling_onInvoicePaid@7:17 → function(1) defined 7:1',
      'wixEcom_onOrderApproved@12:14 → function(0) defined 12:1',
    ]);
    expect(facts.localSpecifiers).toEqual([{ specifier: './mid-file.js', at: at(11, 24) }]);
    expect(facts.moduleFindings).toEqual([]);
  });
});
