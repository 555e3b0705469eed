import Ajv from 'ajv';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { CODES } from '../src/validate/codes';
import { VERSION } from '../src/base/version';

/**
 * `velo-events check --format pretty|json|sarif|github`, `--max-warnings` and `--strict` on
 * the mini workspaces of test/fixtures/cli, with the exact text each prints.
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'cli');
const SHOP = path.join(FIXTURES, 'shop');
const EVERY_CODE = path.join(FIXTURES, 'every-code');
const WARNINGS_ONLY = path.join(FIXTURES, 'warnings-only');
const ODD_NAMES = path.join(FIXTURES, 'odd-names');
const RULE_PAGES = path.join(__dirname, '..', 'docs', 'rules');
const ESC = '\u001b';

async function run(argv: string[], color = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color,
  });
  return { code, stdout, stderr };
}

/** The messages of test/fixtures/cli/shop, as every format prints them. */
const SHOP_MESSAGES = {
  shared:
    '`wixBilling_onInvoicePaid` has 2 handlers in site store; they run in this order: 1. store (sites/store/src/backend/events.js:3:1), 2. @shop/loyalty (libs/loyalty/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
  unknownModule:
    '`wixBiling_onInvoicePaid`: no Velo module uses the prefix `wixBiling`; Velo never calls this function. Did you mean `wixBilling_onInvoicePaid`?',
  notAFunction:
    '`wixEcom_onOrderApproved` is bound to a number, not a function; Velo can only call a function. Write `export function wixEcom_onOrderApproved(event) { … }`',
};

/** The messages of test/fixtures/cli/every-code, one per diagnostic, in report order. */
const EVERY_CODE_MESSAGES = {
  collisionIdentifier:
    'site shop: namespaces `agency-a_b` (libs/a_b) and `@agency/a-b` (libs/a-b) both become the identifier `agency_a_b` in generated code; rename one package',
  binary: 'libs/broken/backend/events.js is binary (contains NUL bytes)',
  collisionNamespace:
    'site shop: libs/crm-copy and libs/crm both use the namespace `@agency/crm`; give each package a unique package.json name',
  commonJs:
    'CommonJS export `module.exports.wixBilling_onInvoicePaid` is not supported by Velo in events.js; use ES module syntax: `export function wixBilling_onInvoicePaid(event) { … }`',
  duplicate:
    '`wixMembers_onMemberCreated` is already exported at line 1, column 17; a module that exports one name twice does not load, so Velo runs none of its handlers. Remove one of the exports',
  unresolved: "'./dates.js' does not export `formatDate`: the module fails to link with a SyntaxError, so Velo cannot load this file",
  orphan:
    '@agency/unused has 1 event handler, which never runs: no site depends on it. Add "@agency/unused" to a site\'s package.json dependencies',
  parse: "',' expected. — Velo cannot load this file, so none of its exports run",
  shared:
    '`wixEcom_onOrderApproved` has 2 handlers in site shop; they run in this order: 1. shop (sites/shop/src/backend/events.js:5:1), 2. @agency/analytics (libs/analytics/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
  unknownEvent:
    '`wixEcom_onOrderAproved`: the prefix `wixEcom` has no event `onOrderAproved`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?',
  deprecated:
    '`wixStores_onOrderPaid` (wix-stores-backend) is deprecated. This event will continue to work until September 4, 2024, but a newer version is available at `wix-ecom-backend.Events.onOrderPaymentStatusUpdated()`. Use `wixEcom_onOrderPaymentStatusUpdated` instead and check its event payload, which may differ.',
  arity:
    '`wixStores_onOrderPaid` declares 2 parameters, but Velo calls a backend event handler with one argument, `event`; the others never receive a value. Declare `wixStores_onOrderPaid(event)`',
  packageReexport:
    "`wixEcom_onOrderCanceled` is re-exported from the package '@agency/orders-backend'; Velo does not support re-exporting package code in events.js. Import it and export a function that calls it: `export function wixEcom_onOrderCanceled(event) { return imported(event); }`",
  notAFunction:
    '`wixCrm_onContactUpdated` is bound to a number, not a function; Velo can only call a function. Write `export function wixCrm_onContactUpdated(event) { … }`',
  hook: '`Orders_beforeInsert` is a data hook: Velo reads data hooks only from data.js; move `Orders_beforeInsert` to backend/data.js.',
  nonHandler: '`formatMoney` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.',
  sdk: "`products.onProductCreated(…)` registers a callback through the SDK module '@wix/stores'; on Wix sites these callbacks never run, only Velo handlers in events.js do — export `wixStoresCatalogV1_onProductCreated(event)` or `wixStores_onProductCreated(event)` from events.js instead",
  unknownModule:
    '`wixStorez_onProductCreated`: no Velo module uses the prefix `wixStorez`; Velo never calls this function. Did you mean `wixStores_onProductCreated`?',
  outsideRoot:
    '"workspaces" pattern "../vendor/*" leads outside the workspace root, where velo-events does not look, so it is left out; run velo-events with --root at a folder that holds every package',
  eventField:
    "`event.entity`: wixEcom_onOrderApproved's event is { data, metadata }; the order is `event.data.order`",
  ignored:
    '`wixEcom_onOrderPaid` in sites/shop/src/backend/events.ts is never called: Velo reads backend event handlers only from sites/shop/src/backend/events.js; export it from there',
};
const E = EVERY_CODE_MESSAGES;

const WARNINGS_ONLY_MESSAGES = {
  arity:
    '`wixBlog_onPostCreated` declares 2 parameters, but Velo calls a backend event handler with one argument, `event`; the others never receive a value. Declare `wixBlog_onPostCreated(event)`',
  unknownEvent:
    '`wixBlog_onPostCreatd`: the prefix `wixBlog` has no event `onPostCreatd`; Velo never calls this function. Did you mean `wixBlog_onPostCreated`?',
  nonHandler: '`slugify` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.',
};
const W = WARNINGS_ONLY_MESSAGES;

describe('--format pretty (the default)', () => {
  it('shop: each diagnostic with its path, code frame and rule page, grouped by file', async () => {
    expect(await run(['check', '--root', SHOP])).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'sites/store/src/backend/events.js',
        `  sites/store/src/backend/events.js:3:1   warning  ${SHOP_MESSAGES.shared}  shared-event`,
        '    > 3 | export function wixBilling_onInvoicePaid(event) {',
        '        | ^',
        '',
        `  sites/store/src/backend/events.js:7:17  warning  ${SHOP_MESSAGES.unknownModule}  unknown-module`,
        '    > 7 | export function wixBiling_onInvoicePaid(event) {}',
        '        |                 ^',
        '',
        `  sites/store/src/backend/events.js:9:14  error    ${SHOP_MESSAGES.notAFunction}  not-a-function`,
        '    > 9 | export const wixEcom_onOrderApproved = 42;',
        '        |              ^',
        '',
        '→ velo-events explain not-a-function',
        '→ velo-events explain shared-event',
        '→ velo-events explain unknown-module',
        '',
        '✖ 1 error, 2 warnings, 0 infos (1 site, 3 handlers)',
        '',
      ].join('\n'),
    });
  });

  it('every-code: every code, no frame for the binary file, and a summary line', async () => {
    expect(await run(['check', '--root', EVERY_CODE, '--format', 'pretty'])).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'libs/a_b/backend/events.js',
        `  libs/a_b/backend/events.js:1:1  error    ${E.collisionIdentifier}  namespace-collision`,
        '    > 1 | export function wixBilling_onInvoiceCreated(event) {}',
        '        | ^',
        '',
        'libs/broken/backend/events.js',
        `  libs/broken/backend/events.js:1:1  error    ${E.binary}  read-error`,
        '',
        'libs/crm-copy/backend/events.js',
        `  libs/crm-copy/backend/events.js:1:1  error    ${E.collisionNamespace}  namespace-collision`,
        '    > 1 | export function wixCrm_onContactDeleted(event) {}',
        '        | ^',
        '',
        'libs/legacy/backend/events.js',
        `  libs/legacy/backend/events.js:1:1  error    ${E.commonJs}  unsupported-export`,
        '    > 1 | module.exports.wixBilling_onInvoicePaid = function (event) {};',
        '        | ^',
        '',
        'libs/links/backend/events.js',
        `  libs/links/backend/events.js:1:10  error    ${E.unresolved}  unresolved-import`,
        "    > 1 | import { formatDate } from './dates.js';",
        '        |          ^',
        '',
        'libs/twice/backend/events.js',
        `  libs/twice/backend/events.js:4:19  error    ${E.duplicate}  duplicate-export`,
        '    > 4 | export { again as wixMembers_onMemberCreated };',
        '        |                   ^',
        '',
        'libs/unused/backend/events.js',
        `  libs/unused/backend/events.js:1:1  info     ${E.orphan}  orphan-package`,
        '    > 1 | export function wixMembers_onMemberCreated(event) {}',
        '        | ^',
        '',
        'package.json',
        `  package.json:1:83  warning  ${E.outsideRoot}  outside-root-pattern`,
        '    > 1 | { "name": "agency-monorepo", "private": true, "workspaces": ["sites/*", "libs/*", "../vendor/*"] }',
        '        |                                                                                   ^',
        '',
        'sites/blog/src/backend/events.js',
        `  sites/blog/src/backend/events.js:2:16  error    ${E.parse}  parse-error`,
        '    > 2 |   return [event;',
        '        |                ^',
        '',
        'sites/shop/src/backend/events.js',
        `  sites/shop/src/backend/events.js:5:1    warning  ${E.shared}  shared-event`,
        '    > 5 | export function wixEcom_onOrderApproved(event) {',
        '        | ^',
        '',
        `  sites/shop/src/backend/events.js:6:34   warning  ${E.eventField}  event-field`,
        "    > 6 |   return audit('approved', event.entity);",
        '        |                                  ^',
        '',
        `  sites/shop/src/backend/events.js:9:17   warning  ${E.unknownEvent}  unknown-event`,
        '    > 9 | export function wixEcom_onOrderAproved(event) {}',
        '        |                 ^',
        '',
        `  sites/shop/src/backend/events.js:11:17  warning  ${E.deprecated}  deprecated-event`,
        '    > 11 | export function wixStores_onOrderPaid(event, context) {}',
        '         |                 ^',
        '',
        `  sites/shop/src/backend/events.js:11:46  warning  ${E.arity}  handler-arity`,
        '    > 11 | export function wixStores_onOrderPaid(event, context) {}',
        '         |                                              ^',
        '',
        `  sites/shop/src/backend/events.js:13:23  error    ${E.packageReexport}  unsupported-export`,
        '    > 13 | export { syncOrder as wixEcom_onOrderCanceled };',
        '         |                       ^',
        '',
        `  sites/shop/src/backend/events.js:15:14  error    ${E.notAFunction}  not-a-function`,
        '    > 15 | export const wixCrm_onContactUpdated = 5;',
        '         |              ^',
        '',
        `  sites/shop/src/backend/events.js:17:17  warning  ${E.hook}  misplaced-hook`,
        '    > 17 | export function Orders_beforeInsert(item, context) {',
        '         |                 ^',
        '',
        `  sites/shop/src/backend/events.js:21:17  info     ${E.nonHandler}  non-handler-export`,
        '    > 21 | export function formatMoney(amount) {',
        '         |                 ^',
        '',
        `  sites/shop/src/backend/events.js:25:1   warning  ${E.sdk}  sdk-registration`,
        "    > 25 | products.onProductCreated((event) => audit('product', event));",
        '         | ^',
        '',
        `  sites/shop/src/backend/events.js:27:14  warning  ${E.unknownModule}  unknown-module`,
        "    > 27 | export const wixStorez_onProductCreated = async (event) => audit('product', event);",
        '         |              ^',
        '',
        'sites/shop/src/backend/events.ts',
        `  sites/shop/src/backend/events.ts:1:17  warning  ${E.ignored}  ignored-events-file`,
        '    > 1 | export function wixEcom_onOrderPaid(event: { entity: { _id: string } }) {}',
        '        |                 ^',
        '',
        '→ velo-events explain deprecated-event',
        '→ velo-events explain duplicate-export',
        '→ velo-events explain event-field',
        '→ velo-events explain handler-arity',
        '→ velo-events explain ignored-events-file',
        '→ velo-events explain misplaced-hook',
        '→ velo-events explain namespace-collision',
        '→ velo-events explain non-handler-export',
        '→ velo-events explain not-a-function',
        '→ velo-events explain orphan-package',
        '→ velo-events explain outside-root-pattern',
        '→ velo-events explain parse-error',
        '→ velo-events explain read-error',
        '→ velo-events explain sdk-registration',
        '→ velo-events explain shared-event',
        '→ velo-events explain unknown-event',
        '→ velo-events explain unknown-module',
        '→ velo-events explain unresolved-import',
        '→ velo-events explain unsupported-export',
        '',
        '✖ 9 errors, 10 warnings, 2 infos (2 sites, 9 handlers)',
        '',
      ].join('\n'),
    });
  });

  it('odd names: control characters in names are escaped and made visible in the frame', async () => {
    const evil = 'evil 100%\\u000d\\u000a::error file=x::forged';
    expect(await run(['check', '--root', ODD_NAMES])).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'libs/evil/backend/events.js',
        `  libs/evil/backend/events.js:1:1  info     ${evil} has 1 event handler, which never runs: no site depends on it. Add "${evil}" to a site's package.json dependencies  orphan-package`,
        '    > 1 | export function wixEcom_onOrderApproved(event) {}',
        '        | ^',
        '',
        'sites/a,b%c/src/backend/events.js',
        '  sites/a,b%c/src/backend/events.js:1:17  warning  `wixEcom_onOrderAproved`: the prefix `wixEcom` has no event `onOrderAproved`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?  unknown-event',
        '    > 1 | export function wixEcom_onOrderAproved(event) {}',
        '        |                 ^',
        '',
        '  sites/a,b%c/src/backend/events.js:3:14  error    `wixEcom_onOrderApproved` is bound to a string, not a function; Velo can only call a function. Write `export function wixEcom_onOrderApproved(event) { … }`  not-a-function',
        // The file holds a raw ESC there; printed as is, it would clear the screen.
        "    > 3 | export const wixEcom_onOrderApproved = '␛[2J';",
        '        |              ^',
        '',
        '→ velo-events explain not-a-function',
        '→ velo-events explain orphan-package',
        '→ velo-events explain unknown-event',
        '',
        '✖ 1 error, 1 warning, 1 info (1 site, 1 handler)',
        '',
      ].join('\n'),
    });
  });

  it('colors with io.color: severities, code, highlighted frame, summary', async () => {
    const { stdout } = await run(['check', '--root', SHOP], true);
    expect(stdout).toContain(`${ESC}[1m${ESC}[4msites/store/src/backend/events.js${ESC}[24m${ESC}[22m\n`);
    expect(stdout).toContain(`  sites/store/src/backend/events.js:9:14  ${ESC}[31merror  ${ESC}[39m  ${SHOP_MESSAGES.notAFunction}  ${ESC}[2mnot-a-function${ESC}[22m\n`);
    expect(stdout).toContain(`${ESC}[33mwarning${ESC}[39m`);
    // @babel/code-frame's syntax highlighting: `export` as a keyword, the marker in red.
    expect(stdout).toContain(`${ESC}[36mexport${ESC}[39m`);
    expect(stdout).toContain(`${ESC}[31m${ESC}[1m^${ESC}[22m${ESC}[39m`);
    expect(stdout.endsWith(`${ESC}[31m✖ 1 error, 2 warnings, 0 infos (1 site, 3 handlers)${ESC}[39m\n`)).toBe(true);
    // Without the escapes, the same text as without colors.
    expect(stdout.replace(/\u001b\[\d+m/g, '')).toBe((await run(['check', '--root', SHOP])).stdout);
  });

  it('no escape sequence at all without io.color', async () => {
    const result = await run(['check', '--root', EVERY_CODE]);
    expect({ code: result.code, stderr: result.stderr, lastLine: result.stdout.split('\n').at(-2) }).toEqual({
      code: 1,
      stderr: '',
      lastLine: '✖ 9 errors, 10 warnings, 2 infos (2 sites, 9 handlers)',
    });
    expect(result.stdout).not.toContain(ESC);
  });
});

describe('--format github', () => {
  it('shop: one workflow command per diagnostic', async () => {
    expect(await run(['check', '--root', SHOP, '--format', 'github'])).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::warning file=sites/store/src/backend/events.js,line=3,col=1,title=shared-event::${SHOP_MESSAGES.shared}`,
        `::warning file=sites/store/src/backend/events.js,line=7,col=17,title=unknown-module::${SHOP_MESSAGES.unknownModule}`,
        `::error file=sites/store/src/backend/events.js,line=9,col=14,title=not-a-function::${SHOP_MESSAGES.notAFunction}`,
        '',
      ].join('\n'),
    });
  });

  it('every-code: ::error, ::warning and ::notice by severity', async () => {
    const shop = 'sites/shop/src/backend/events.js';
    expect(await run(['check', '--root', EVERY_CODE, '--format', 'github'])).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::error file=libs/a_b/backend/events.js,line=1,col=1,title=namespace-collision::${E.collisionIdentifier}`,
        `::error file=libs/broken/backend/events.js,line=1,col=1,title=read-error::${E.binary}`,
        `::error file=libs/crm-copy/backend/events.js,line=1,col=1,title=namespace-collision::${E.collisionNamespace}`,
        `::error file=libs/legacy/backend/events.js,line=1,col=1,title=unsupported-export::${E.commonJs}`,
        `::error file=libs/links/backend/events.js,line=1,col=10,title=unresolved-import::${E.unresolved}`,
        `::error file=libs/twice/backend/events.js,line=4,col=19,title=duplicate-export::${E.duplicate}`,
        `::notice file=libs/unused/backend/events.js,line=1,col=1,title=orphan-package::${E.orphan}`,
        `::warning file=package.json,line=1,col=83,title=outside-root-pattern::${E.outsideRoot}`,
        `::error file=sites/blog/src/backend/events.js,line=2,col=16,title=parse-error::${E.parse}`,
        `::warning file=${shop},line=5,col=1,title=shared-event::${E.shared}`,
        `::warning file=${shop},line=6,col=34,title=event-field::${E.eventField}`,
        `::warning file=${shop},line=9,col=17,title=unknown-event::${E.unknownEvent}`,
        `::warning file=${shop},line=11,col=17,title=deprecated-event::${E.deprecated}`,
        `::warning file=${shop},line=11,col=46,title=handler-arity::${E.arity}`,
        `::error file=${shop},line=13,col=23,title=unsupported-export::${E.packageReexport}`,
        `::error file=${shop},line=15,col=14,title=not-a-function::${E.notAFunction}`,
        `::warning file=${shop},line=17,col=17,title=misplaced-hook::${E.hook}`,
        `::notice file=${shop},line=21,col=17,title=non-handler-export::${E.nonHandler}`,
        `::warning file=${shop},line=25,col=1,title=sdk-registration::${E.sdk}`,
        `::warning file=${shop},line=27,col=14,title=unknown-module::${E.unknownModule}`,
        `::warning file=sites/shop/src/backend/events.ts,line=1,col=17,title=ignored-events-file::${E.ignored}`,
        '',
      ].join('\n'),
    });
  });

  it('odd names: `%`, CR and LF escaped in messages, and `,` and `%` in the file property', async () => {
    const { code, stdout } = await run(['check', '--root', ODD_NAMES, '--format', 'github']);
    const evil = 'evil 100%25%0D%0A::error file=x::forged';
    expect({ code, lines: stdout.split('\n') }).toEqual({
      code: 1,
      lines: [
        // The package name's CR LF would otherwise start a forged `::error` command.
        `::notice file=libs/evil/backend/events.js,line=1,col=1,title=orphan-package::${evil} has 1 event handler, which never runs: no site depends on it. Add "${evil}" to a site's package.json dependencies`,
        '::warning file=sites/a%2Cb%25c/src/backend/events.js,line=1,col=17,title=unknown-event::`wixEcom_onOrderAproved`: the prefix `wixEcom` has no event `onOrderAproved`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?',
        '::error file=sites/a%2Cb%25c/src/backend/events.js,line=3,col=14,title=not-a-function::`wixEcom_onOrderApproved` is bound to a string, not a function; Velo can only call a function. Write `export function wixEcom_onOrderApproved(event) { … }`',
        '',
      ],
    });
  });

  it('nothing at all for a clean workspace', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'velo-events-clean-'));
    try {
      await mkdir(path.join(root, 'src', 'backend'), { recursive: true });
      await writeFile(path.join(root, 'package.json'), '{ "name": "clean" }\n');
      await writeFile(path.join(root, 'wix.config.json'), '{}\n');
      await writeFile(path.join(root, 'src', 'backend', 'events.js'), 'export function wixEcom_onOrderApproved(event) {}\n');
      expect(await run(['check', '--root', root, '--format', 'github', '--no-cache'])).toEqual({ code: 0, stderr: '', stdout: '' });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

// ---- SARIF ----

/** The vendored OASIS schema (test/fixtures/sarif/README.md says where it comes from). */
function sarifValidator(): ReturnType<Ajv['compile']> {
  // The schema is third-party and not written for ajv's strict mode (`required` names
  // properties declared in other branches); its formats are checked below instead.
  const ajv = new Ajv({ allErrors: true, strict: false });
  // RFC 3986: only unreserved, reserved and percent-encoded characters.
  const uriReference = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
  ajv.addFormat('uri-reference', uriReference);
  ajv.addFormat('uri', (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && uriReference.test(value));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const schema = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  return ajv.compile(schema);
}

const RULE_ORDER = Object.keys(CODES);

/** A rule page as SARIF's help: the markdown as shipped, links to sibling pages as their text. */
function sarifHelp(code: string): string {
  const page = readFileSync(path.join(RULE_PAGES, `${code}.md`), 'utf8');
  expect(page.startsWith(`# ${code}\n`)).toBe(true);
  return page.replace(/\[([a-z-]+)\]\(\1\.md\)/g, '$1');
}

function sarifResult(code: string, level: string, uri: string, startLine: number, startColumn: number, text: string): object {
  return {
    ruleId: `velo-events/${code}`,
    ruleIndex: RULE_ORDER.indexOf(code),
    level,
    message: { text },
    locations: [
      { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine, startColumn } } },
    ],
  };
}

describe('--format sarif', () => {
  const validate = sarifValidator();

  it('every-code: SARIF 2.1.0 that the OASIS schema accepts, one rule per code, one result per diagnostic', async () => {
    const { code, stdout, stderr } = await run(['check', '--root', EVERY_CODE, '--format', 'sarif']);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const log = JSON.parse(stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);

    const shop = 'sites/shop/src/backend/events.js';
    expect(log).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'velo-events',
              version: VERSION,
              rules: (
                [
                  ['read-error', 'error'],
                  ['parse-error', 'error'],
                  ['unresolved-import', 'error'],
                  ['unsupported-export', 'error'],
                  ['not-a-function', 'error'],
                  ['duplicate-export', 'error'],
                  ['namespace-collision', 'error'],
                  ['unknown-module', 'warning'],
                  ['unknown-event', 'warning'],
                  ['deprecated-event', 'warning'],
                  ['handler-arity', 'warning'],
                  ['shared-event', 'warning'],
                  ['misplaced-hook', 'warning'],
                  ['sdk-registration', 'warning'],
                  ['event-field', 'warning'],
                  ['ignored-events-file', 'warning'],
                  ['outside-root-pattern', 'warning'],
                  ['non-handler-export', 'note'],
                  ['orphan-package', 'note'],
                ] as const
              ).map(([rule, level]) => ({
                id: `velo-events/${rule}`,
                name: rule,
                shortDescription: { text: CODES[rule].summary },
                // No homepage in package.json: no informationUri, no helpUri; the page itself is the help.
                help: { text: sarifHelp(rule), markdown: sarifHelp(rule) },
                defaultConfiguration: { level },
              })),
            },
          },
          columnKind: 'utf16CodeUnits',
          results: [
            sarifResult('namespace-collision', 'error', 'libs/a_b/backend/events.js', 1, 1, E.collisionIdentifier),
            sarifResult('read-error', 'error', 'libs/broken/backend/events.js', 1, 1, E.binary),
            sarifResult('namespace-collision', 'error', 'libs/crm-copy/backend/events.js', 1, 1, E.collisionNamespace),
            sarifResult('unsupported-export', 'error', 'libs/legacy/backend/events.js', 1, 1, E.commonJs),
            sarifResult('unresolved-import', 'error', 'libs/links/backend/events.js', 1, 10, E.unresolved),
            sarifResult('duplicate-export', 'error', 'libs/twice/backend/events.js', 4, 19, E.duplicate),
            sarifResult('orphan-package', 'note', 'libs/unused/backend/events.js', 1, 1, E.orphan),
            sarifResult('outside-root-pattern', 'warning', 'package.json', 1, 83, E.outsideRoot),
            sarifResult('parse-error', 'error', 'sites/blog/src/backend/events.js', 2, 16, E.parse),
            sarifResult('shared-event', 'warning', shop, 5, 1, E.shared),
            sarifResult('event-field', 'warning', shop, 6, 34, E.eventField),
            sarifResult('unknown-event', 'warning', shop, 9, 17, E.unknownEvent),
            sarifResult('deprecated-event', 'warning', shop, 11, 17, E.deprecated),
            sarifResult('handler-arity', 'warning', shop, 11, 46, E.arity),
            sarifResult('unsupported-export', 'error', shop, 13, 23, E.packageReexport),
            sarifResult('not-a-function', 'error', shop, 15, 14, E.notAFunction),
            sarifResult('misplaced-hook', 'warning', shop, 17, 17, E.hook),
            sarifResult('non-handler-export', 'note', shop, 21, 17, E.nonHandler),
            sarifResult('sdk-registration', 'warning', shop, 25, 1, E.sdk),
            sarifResult('unknown-module', 'warning', shop, 27, 14, E.unknownModule),
            sarifResult('ignored-events-file', 'warning', 'sites/shop/src/backend/events.ts', 1, 17, E.ignored),
          ],
        },
      ],
    });
  });

  it('shop: the results, and byte-identical output from a copy elsewhere (no timestamps, no absolute paths)', async () => {
    const first = await run(['check', '--root', SHOP, '--format', 'sarif']);
    const log = JSON.parse(first.stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results).toEqual([
      sarifResult('shared-event', 'warning', 'sites/store/src/backend/events.js', 3, 1, SHOP_MESSAGES.shared),
      sarifResult('unknown-module', 'warning', 'sites/store/src/backend/events.js', 7, 17, SHOP_MESSAGES.unknownModule),
      sarifResult('not-a-function', 'error', 'sites/store/src/backend/events.js', 9, 14, SHOP_MESSAGES.notAFunction),
    ]);
    // The same root reached through another spelling of its path.
    const relative = path.relative(process.cwd(), SHOP);
    expect((await run(['check', '--root', relative, '--format', 'sarif'])).stdout).toBe(first.stdout);
    expect(first.stdout).not.toContain(SHOP);
  });

  it('odd names: `,` and `%` in a folder name are percent-encoded in the URI, which still validates', async () => {
    const log = JSON.parse((await run(['check', '--root', ODD_NAMES, '--format', 'sarif'])).stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual([
      'libs/evil/backend/events.js',
      'sites/a%2Cb%25c/src/backend/events.js',
      'sites/a%2Cb%25c/src/backend/events.js',
    ]);
  });

  it('the schema catches what it should (the validator is not a no-op)', async () => {
    const log = JSON.parse((await run(['check', '--root', SHOP, '--format', 'sarif'])).stdout);
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'a b.js';
    expect(validate(log)).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([
      '/runs/0/results/0/level must be equal to one of the allowed values',
      '/runs/0/results/1/locations/0/physicalLocation/region/startLine must be >= 1',
      '/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri must match format "uri-reference"',
    ]);
  });
});

// ---- exit codes ----

describe('--max-warnings N', () => {
  it('exits 0 without it when there are only warnings and infos', async () => {
    expect((await run(['check', '--root', WARNINGS_ONLY])).code).toBe(0);
  });

  it.each([['2'], ['10']])('exits 0 when the warnings do not exceed %s', async (n) => {
    const result = await run(['check', '--root', WARNINGS_ONLY, '--max-warnings', n, '--format', 'github']);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `::warning file=sites/blog/src/backend/events.js,line=1,col=46,title=handler-arity::${W.arity}`,
        `::warning file=sites/blog/src/backend/events.js,line=3,col=17,title=unknown-event::${W.unknownEvent}`,
        `::notice file=sites/blog/src/backend/events.js,line=5,col=17,title=non-handler-export::${W.nonHandler}`,
        '',
      ].join('\n'),
    });
  });

  it('exits 1 when they exceed it, saying so on stderr and printing the report unchanged', async () => {
    const limited = await run(['check', '--root', WARNINGS_ONLY, '--max-warnings', '1']);
    const plain = await run(['check', '--root', WARNINGS_ONLY]);
    expect(limited).toEqual({
      code: 1,
      stderr: 'velo-events: 2 warnings, more than --max-warnings 1 allows\n',
      stdout: plain.stdout,
    });
    expect(plain.stdout.endsWith('⚠ 0 errors, 2 warnings, 1 info (1 site, 2 handlers)\n')).toBe(true);
  });

  it('0 allows none; the JSON on stdout stays one document', async () => {
    const result = await run(['check', '--root', WARNINGS_ONLY, '--max-warnings', '0', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('velo-events: 2 warnings, more than --max-warnings 0 allows\n');
    expect(JSON.parse(result.stdout).diagnostics.map((d: { severity: string }) => d.severity)).toEqual(['warning', 'warning', 'info']);
  });

  it('still exits 1 on errors within the limit', async () => {
    expect(await run(['check', '--root', SHOP, '--max-warnings', '5', '--format', 'github'])).toMatchObject({ code: 1, stderr: '' });
  });

  it.each([['-1'], ['1.5'], ['abc'], [''], ['1e3'], ['99999999999999999999']])(
    'a usage error (exit 2, one line on stderr) for %p',
    async (n) => {
      expect(await run(['check', '--root', WARNINGS_ONLY, '--max-warnings', n])).toEqual({
        code: 2,
        stdout: '',
        stderr: `velo-events: option '--max-warnings <n>' argument '${n}' is invalid. expected a non-negative integer. (see velo-events --help)\n`,
      });
    },
  );
});

describe('--strict', () => {
  it('pretty: warnings are reported as errors and the run exits 1; infos stay infos', async () => {
    const result = await run(['check', '--root', WARNINGS_ONLY, '--strict']);
    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'sites/blog/src/backend/events.js',
        `  sites/blog/src/backend/events.js:1:46  error    ${W.arity}  handler-arity`,
        '    > 1 | export function wixBlog_onPostCreated(event, context) {}',
        '        |                                              ^',
        '',
        `  sites/blog/src/backend/events.js:3:17  error    ${W.unknownEvent}  unknown-event`,
        '    > 3 | export function wixBlog_onPostCreatd(event) {}',
        '        |                 ^',
        '',
        `  sites/blog/src/backend/events.js:5:17  info     ${W.nonHandler}  non-handler-export`,
        '    > 5 | export function slugify(title) {',
        '        |                 ^',
        '',
        '→ velo-events explain handler-arity',
        '→ velo-events explain non-handler-export',
        '→ velo-events explain unknown-event',
        '',
        '✖ 2 errors, 0 warnings, 1 info (1 site, 2 handlers)',
        '',
      ].join('\n'),
    });
  });

  it('json, sarif and github say error too', async () => {
    const json = await run(['check', '--root', WARNINGS_ONLY, '--strict', '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`)).toEqual([
      'handler-arity:error',
      'unknown-event:error',
      'non-handler-export:info',
    ]);

    const sarif = await run(['check', '--root', WARNINGS_ONLY, '--strict', '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual([
      'velo-events/handler-arity:error',
      'velo-events/unknown-event:error',
      'velo-events/non-handler-export:note',
    ]);
    // The rules keep their default levels; only the results changed.
    expect(log.runs[0].tool.driver.rules[RULE_ORDER.indexOf('unknown-event')].defaultConfiguration).toEqual({ level: 'warning' });

    expect(await run(['check', '--root', WARNINGS_ONLY, '--strict', '--format', 'github'])).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `::error file=sites/blog/src/backend/events.js,line=1,col=46,title=handler-arity::${W.arity}`,
        `::error file=sites/blog/src/backend/events.js,line=3,col=17,title=unknown-event::${W.unknownEvent}`,
        `::notice file=sites/blog/src/backend/events.js,line=5,col=17,title=non-handler-export::${W.nonHandler}`,
        '',
      ].join('\n'),
    });
  });

  it('with --max-warnings 0: no warnings are left to count, the errors fail the run', async () => {
    expect(await run(['check', '--root', WARNINGS_ONLY, '--strict', '--max-warnings', '0', '--format', 'github'])).toMatchObject({
      code: 1,
      stderr: '',
    });
  });
});

describe('the bin decides about colors from the environment', () => {
  const bin = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
  const spawn = (env: Record<string, string>) =>
    spawnSync(process.execPath, [bin, 'check', '--root', SHOP], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });

  // The bin prints what main() prints in-process with the same colors, exit status included.
  const printed = async (color: boolean) => {
    const { code, stdout, stderr } = await run(['check', '--root', SHOP], color);
    return { status: code, stdout, stderr };
  };

  it('no colors through a pipe', async () => {
    const plain = await printed(false);
    expect(plain).toEqual({ status: 1, stdout: expect.stringContaining('✖ 1 error, 2 warnings, 0 infos (1 site, 3 handlers)\n'), stderr: '' });
    expect(plain.stdout).not.toContain(ESC);
    expect(spawn({})).toMatchObject(plain);
  });

  it('FORCE_COLOR turns them on without a terminal; NO_COLOR wins over it', async () => {
    const colored = await printed(true);
    expect(colored.stdout).toContain(`${ESC}[31merror`);
    expect(spawn({ FORCE_COLOR: '1' })).toMatchObject(colored);
    expect(spawn({ FORCE_COLOR: '1', NO_COLOR: '1' })).toMatchObject(await printed(false));
  });
});

describe('links (issue #24): the rule pages ship with the package, not on the web', () => {
  it.each(['pretty', 'json', 'sarif', 'github'])('%s output of every code names no page of a repository that does not exist', async (format) => {
    const { stdout } = await run(['check', '--root', EVERY_CODE, '--format', format]);
    expect(stdout).not.toContain('github.com/velo-events');
    expect(stdout).not.toContain('docs/rules');
  });
});
