import type { Diagnostic, DiagnosticCode } from '../model';
import type { ResolvedValue } from '../resolve/resolved-value';
import { builtinCatalog } from '../validate/catalog';
import { applyEdits } from './edits/apply-edits';
import { planFixes } from './plan-fixes';

const FILE = 'site/src/backend/events.js';
const at = { file: FILE, line: 1, column: 1 };
const fn: ResolvedValue = { kind: 'function', async: false, params: 1, at, extraParamAt: null };
const dynamic: ResolvedValue = { kind: 'dynamic', what: 'the result of `make()`', at };
const bare: ResolvedValue = { kind: 'bare', specifier: 'pkg', at };

function diagnostic(code: DiagnosticCode, line: number, column: number, suggestion?: string): Diagnostic {
  const severity = code === 'unsupported-export' ? 'error' : 'warning';
  return { code, severity, file: FILE, line, column, message: '…', ...(suggestion ? { suggestion } : {}) };
}

function fix(text: string, diagnostics: Diagnostic[], exports: Record<string, ResolvedValue | null>) {
  const plan = planFixes({ file: FILE, text, diagnostics, exports: new Map(Object.entries(exports)), catalog: builtinCatalog() });
  return {
    text: applyEdits(text, plan.units.flatMap((u) => u.edits)),
    fixed: plan.units.flatMap((u) => u.fixed.map((f) => f.description)),
    unfixed: plan.unfixed.map((u) => `${u.line}:${u.column} ${u.reason}`),
  };
}

describe('planFixes: typo renames', () => {
  it("renames a declaration with TypeScript's scope-aware rename: uses, shorthand keys and aliases stay right", () => {
    const text = [
      'export function wixBiling_onInvoicePaid(event) {}',
      'const table = { wixBiling_onInvoicePaid };',
      'function inner() { const wixBiling_onInvoicePaid = 1; return wixBiling_onInvoicePaid; }',
      'export { wixBiling_onInvoicePaid as alias };',
      '',
    ].join('\n');
    expect(fix(text, [diagnostic('unknown-module', 1, 17, 'wixBilling_onInvoicePaid')], { wixBiling_onInvoicePaid: fn, alias: fn })).toEqual({
      text: [
        'export function wixBilling_onInvoicePaid(event) {}',
        'const table = { wixBiling_onInvoicePaid: wixBilling_onInvoicePaid };',
        'function inner() { const wixBiling_onInvoicePaid = 1; return wixBiling_onInvoicePaid; }',
        'export { wixBilling_onInvoicePaid as alias };',
        '',
      ].join('\n'),
      fixed: ['renamed `wixBiling_onInvoicePaid` to `wixBilling_onInvoicePaid`'],
      unfixed: [],
    });
  });

  it('renames only the export name of `export { local }`', () => {
    expect(fix('const wixBilling_onInvoiceSnt = (e) => e;\nexport { wixBilling_onInvoiceSnt };\n', [diagnostic('unknown-event', 2, 10, 'wixBilling_onInvoiceSent')], { wixBilling_onInvoiceSnt: fn }).text).toBe(
      'const wixBilling_onInvoiceSnt = (e) => e;\nexport { wixBilling_onInvoiceSnt as wixBilling_onInvoiceSent };\n',
    );
  });

  it('refuses three typos of one name together, naming each', () => {
    const text = ['export function wixBiling_onInvoicePaid(e) {}', 'export function wixBillng_onInvoicePaid(e) {}', 'export function wixBillin_onInvoicePaid(e) {}', ''].join('\n');
    const reason = '`wixBiling_onInvoicePaid` (1:17), `wixBillng_onInvoicePaid` (2:17) and `wixBillin_onInvoicePaid` (3:17) would all be renamed to `wixBilling_onInvoicePaid`; none is renamed — rename the one you mean by hand';
    expect(
      fix(
        text,
        [1, 2, 3].map((line) => diagnostic('unknown-module', line, 17, 'wixBilling_onInvoicePaid')),
        { wixBiling_onInvoicePaid: fn, wixBillng_onInvoicePaid: fn, wixBillin_onInvoicePaid: fn },
      ),
    ).toEqual({ text, fixed: [], unfixed: [`1:17 ${reason}`, `2:17 ${reason}`, `3:17 ${reason}`] });
  });

  it('renames nothing when the suggestion is exported through a star, which the rename would shadow', () => {
    const text = "export * from './orders.js';\nexport function wixBiling_onInvoicePaid(e) {}\n";
    expect(fix(text, [diagnostic('unknown-module', 2, 17, 'wixBilling_onInvoicePaid')], { wixBiling_onInvoicePaid: fn, wixBilling_onInvoicePaid: fn }).unfixed).toEqual([
      '2:17 `wixBilling_onInvoicePaid` is already exported from this file; renaming `wixBiling_onInvoicePaid` to it would export it twice, and a module that does that does not load',
    ]);
  });
});

describe('planFixes: where new lines go', () => {
  const created = (line: number, column: number) => [diagnostic('unsupported-export', line, column)];

  it('after the line of the statement, past its trailing comment, with its indentation', () => {
    const text = "  export const wixEcom_onOrderCreated = make(); // built once\nnext();\n";
    expect(fix(text, created(1, 16), { wixEcom_onOrderCreated: dynamic }).text).toBe(
      [
        '  const wixEcom_onOrderCreated_impl = make(); // built once',
        '  export function wixEcom_onOrderCreated(event) { return wixEcom_onOrderCreated_impl(event); }',
        'next();',
        '',
      ].join('\n'),
    );
  });

  it('at the end of a file without a final newline, which keeps having none', () => {
    expect(fix('export const wixEcom_onOrderCreated = make();', created(1, 14), { wixEcom_onOrderCreated: dynamic }).text).toBe(
      'const wixEcom_onOrderCreated_impl = make();\nexport function wixEcom_onOrderCreated(event) { return wixEcom_onOrderCreated_impl(event); }',
    );
  });

  it('on lines of their own when code follows the statement on its line', () => {
    expect(fix('export const wixEcom_onOrderCreated = make(); next();\n', created(1, 14), { wixEcom_onOrderCreated: dynamic }).text).toBe(
      'const wixEcom_onOrderCreated_impl = make();\nexport function wixEcom_onOrderCreated(event) { return wixEcom_onOrderCreated_impl(event); }\n next();\n',
    );
  });

  it("with the file's CRLF line endings", () => {
    const text = 'export const wixCrm = { onContactCreated(event) {} };\r\nexport const other = 1;\r\n';
    const object: ResolvedValue = { kind: 'object', at, members: [{ name: 'onContactCreated', at: { file: FILE, line: 1, column: 25 } }] };
    expect(fix(text, created(1, 14), { wixCrm: object, other: { kind: 'not-function', what: 'a number', at } }).text).toBe(
      'export const wixCrm = { onContactCreated(event) {} };\r\nexport function wixCrm_onContactCreated(event) { return wixCrm.onContactCreated(event); }\r\nexport const other = 1;\r\n',
    );
  });
});

describe('planFixes: new names', () => {
  it('takes a local name nothing in the file uses yet', () => {
    const text = 'const wixEcom_onOrderCreated_impl = 1;\nexport const wixEcom_onOrderCreated = make(wixEcom_onOrderCreated_impl);\n';
    expect(fix(text, [diagnostic('unsupported-export', 2, 14)], { wixEcom_onOrderCreated: dynamic }).text).toBe(
      'const wixEcom_onOrderCreated_impl = 1;\nconst wixEcom_onOrderCreated_impl2 = make(wixEcom_onOrderCreated_impl);\nexport function wixEcom_onOrderCreated(event) { return wixEcom_onOrderCreated_impl2(event); }\n',
    );
  });

  it('names the parameter otherwise when the wrapped value is called `event`', () => {
    const text = "import { event } from 'pkg';\nexport { event as wixEcom_onOrderCreated };\n";
    expect(fix(text, [diagnostic('unsupported-export', 2, 19)], { wixEcom_onOrderCreated: bare }).text).toBe(
      "import { event } from 'pkg';\nexport function wixEcom_onOrderCreated(payload) { return event(payload); }\n",
    );
  });

  it('refuses a wrapper whose name code elsewhere already refers to', () => {
    const text = "export { x as wixEcom_onOrderCreated } from 'pkg';\nconsole.log(wixEcom_onOrderCreated);\n";
    expect(fix(text, [diagnostic('unsupported-export', 1, 15)], { wixEcom_onOrderCreated: bare })).toEqual({
      text,
      fixed: [],
      unfixed: ['1:15 `wixEcom_onOrderCreated` is already a name in this file (line 2); a fix that declares it could change what that code refers to'],
    });
  });
});
