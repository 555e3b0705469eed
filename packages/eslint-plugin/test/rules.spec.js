'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const { RuleTester } = require('eslint-v10');
const plugin = require('../lib');
const { RULE_CODES } = require('../lib/rules');
const { copyFixture } = require('./copy-fixture');

// One workspace (test/fixtures/workspace): site `shop` depends on @acme/loyalty (which also
// handles wixEcom_onOrderApproved), @acme/a-b and acme-a_b (whose namespaces collide);
// @acme/orphan is in no site. The linted text is the case's `code`; imports come from disk.
const workspace = copyFixture('workspace');
const site = path.join(workspace, 'sites/shop/src/backend/events.js');
const onDisk = (file) => fs.readFileSync(file, 'utf8');
const CLEAN = 'export function wixEcom_onOrderApproved(event) {\n  return event;\n}\n';

const SHARED_MESSAGE =
  '`wixEcom_onOrderApproved` has 2 handlers in site shop; they run in this order: 1. shop (sites/shop/src/backend/events.js:3:1), 2. @acme/loyalty (packages/loyalty/backend/events.js:1:1). Set "order" in velo-events.config.json to change it';

/** Per rule: valid and invalid cases as data (invalid: exact message, line, column, fix output, suggestions). */
const CASES = {
  'unknown-event': {
    valid: [
      { code: CLEAN, filename: site },
      // Not an events file of the workspace model: nothing is said about it.
      { code: 'export function wixEcom_onOrderAproved(event) {}\n', filename: path.join(workspace, 'sites/shop/lib/backend/events.js') },
    ],
    invalid: [
      {
        code: 'export function wixEcom_onOrderAproved(event) {\n  return event;\n}\n',
        filename: site,
        errors: [
          {
            message:
              '`wixEcom_onOrderAproved`: the prefix `wixEcom` has no event `onOrderAproved`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?',
            line: 1,
            column: 17,
            suggestions: [
              { desc: 'renamed `wixEcom_onOrderAproved` to `wixEcom_onOrderApproved`', output: CLEAN },
            ],
          },
        ],
        output: null,
      },
    ],
  },
  'unknown-module': {
    valid: [{ code: CLEAN, filename: site }],
    invalid: [
      {
        code: 'export function wixEcm_onOrderApproved(event) {\n  return event;\n}\n',
        filename: site,
        errors: [
          {
            message:
              '`wixEcm_onOrderApproved`: no Velo module uses the prefix `wixEcm`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?',
            line: 1,
            column: 17,
            suggestions: [{ desc: 'renamed `wixEcm_onOrderApproved` to `wixEcom_onOrderApproved`', output: CLEAN }],
          },
        ],
        output: null,
      },
    ],
  },
  'deprecated-event': {
    valid: [{ code: CLEAN, filename: site }],
    invalid: [
      {
        code: 'export function wixStores_onOrderPaid(event) {\n  return event;\n}\n',
        filename: site,
        errors: [
          {
            message:
              '`wixStores_onOrderPaid` (wix-stores-backend) is deprecated. This event will continue to work until September 4, 2024, but a newer version is available at `wix-ecom-backend.Events.onOrderPaymentStatusUpdated()`. Use `wixEcom_onOrderPaymentStatusUpdated` instead and check its event payload, which may differ.',
            line: 1,
            column: 17,
          },
        ],
      },
    ],
  },
  'unsupported-export': {
    valid: [{ code: CLEAN, filename: site }],
    invalid: [
      {
        code: 'module.exports.wixEcom_onOrderApproved = function (event) {\n  return event;\n};\n',
        filename: site,
        errors: [
          {
            message:
              'CommonJS export `module.exports.wixEcom_onOrderApproved` is not supported by Velo in events.js; use ES module syntax: `export function wixEcom_onOrderApproved(event) { … }`',
            line: 1,
            column: 1,
          },
        ],
        output: CLEAN,
      },
    ],
  },
  'not-a-function': {
    valid: [{ code: CLEAN, filename: site }],
    invalid: [
      {
        code: 'export const wixEcom_onOrderApproved = 42;\n',
        filename: site,
        errors: [
          {
            message:
              '`wixEcom_onOrderApproved` is bound to a number, not a function; Velo can only call a function. Write `export function wixEcom_onOrderApproved(event) { … }`',
            line: 1,
            column: 14,
          },
        ],
      },
    ],
  },
  'duplicate-export': {
    valid: [{ code: "export * from './crm-a';\n", filename: site }],
    invalid: [
      {
        // Both helpers export wixCrm_onContactUpdated: the re-exports are followed on disk.
        code: "export * from './crm-a';\nexport * from './crm-b';\n",
        filename: site,
        errors: [
          {
            message:
              "`wixCrm_onContactUpdated` comes from two `export *` (sites/shop/src/backend/crm-a.js and sites/shop/src/backend/crm-b.js); an ambiguous star export is not exported at all, so Velo never sees it. Export it explicitly: `export { wixCrm_onContactUpdated } from '…'`",
            line: 2,
            column: 1,
          },
        ],
      },
    ],
  },
  'handler-arity': {
    valid: [{ code: 'export function wixMediaManager_onFileUploaded(event) {\n  return event;\n}\n', filename: site }],
    invalid: [
      {
        code: 'export function wixMediaManager_onFileUploaded(event, context) {\n  return context;\n}\n',
        filename: site,
        errors: [
          {
            message:
              '`wixMediaManager_onFileUploaded` declares 2 parameters, but Velo calls a backend event handler with one argument, `event`; the others never receive a value. Declare `wixMediaManager_onFileUploaded(event)`',
            line: 1,
            column: 55,
          },
        ],
      },
    ],
  },
  'misplaced-hook': {
    valid: [{ code: CLEAN, filename: site }],
    invalid: [
      {
        code: 'export function Orders_beforeInsert(item, context) {\n  return item;\n}\n',
        filename: site,
        errors: [
          {
            message: '`Orders_beforeInsert` is a data hook: Velo reads data hooks only from data.js; move `Orders_beforeInsert` to backend/data.js.',
            line: 1,
            column: 17,
          },
        ],
      },
    ],
  },
  'sdk-registration': {
    valid: [{ code: "import { products } from '@wix/stores';\n\nexport const list = () => products;\n", filename: site }],
    invalid: [
      {
        code: "import { products } from '@wix/stores';\n\nproducts.onProductCreated((event) => event);\n",
        filename: site,
        errors: [
          {
            message:
              "`products.onProductCreated(…)` registers a callback through the SDK module '@wix/stores'; on Wix sites these callbacks never run, only Velo handlers in events.js do — export `wixStoresCatalogV1_onProductCreated(event)` or `wixStores_onProductCreated(event)` from events.js instead",
            line: 3,
            column: 1,
          },
        ],
      },
    ],
  },
  'event-field': {
    valid: [
      // Documented reads, a documented operand rescuing its `||` partner, a method of a string,
      // the event handed on (where the analysis stops), and a field below an open node.
      {
        code: [
          'export function wixEcom_onOrderApproved(event) {',
          '  const order = event.data.order;',
          '  audit(event.metadata.eventTime.slice(0, 10), order.number, event.entity || event.data);',
          '  return audit(event);',
          '}',
          'function audit() {}',
          '',
        ].join('\n'),
        filename: site,
      },
      // A handler name no doc lists: its event has no documented type to read against.
      { code: 'export const RETRY_LIMIT = 3;\n', filename: site },
    ],
    invalid: [
      {
        code: [
          'export function wixEcom_onOrderApproved(event) {',
          '  const { ordr } = event.data;',
          '  return [event.entity, event.data.order.numbr];',
          '}',
          '',
        ].join('\n'),
        filename: site,
        errors: [
          {
            message: "`event.data.ordr`: wixEcom_onOrderApproved's event.data is { order }; did you mean `order`?",
            line: 2,
            column: 11,
            suggestions: [
              {
                desc: 'Read `order` instead of `ordr`',
                output: [
                  'export function wixEcom_onOrderApproved(event) {',
                  '  const { order: ordr } = event.data;',
                  '  return [event.entity, event.data.order.numbr];',
                  '}',
                  '',
                ].join('\n'),
              },
            ],
          },
          {
            message: "`event.entity`: wixEcom_onOrderApproved's event is { data, metadata }; the order is `event.data.order`",
            line: 3,
            column: 17,
            suggestions: [],
          },
          {
            message:
              "`event.data.order.numbr`: wixEcom_onOrderApproved's event.data.order is { _createdDate, _id, _updatedDate, activities, additionalFees, appliedDiscounts, archived, attributionSource, … (28 more) }; did you mean `number`?",
            line: 3,
            column: 42,
            suggestions: [
              {
                desc: 'Read `number` instead of `numbr`',
                output: [
                  'export function wixEcom_onOrderApproved(event) {',
                  '  const { ordr } = event.data;',
                  '  return [event.entity, event.data.order.number];',
                  '}',
                  '',
                ].join('\n'),
              },
            ],
          },
        ],
        output: null,
      },
    ],
  },
  'non-handler-export': {
    valid: [{ code: CLEAN, filename: site }],
    invalid: [
      {
        code: 'export const RETRY_LIMIT = 3;\n',
        filename: site,
        errors: [{ message: '`RETRY_LIMIT` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.', line: 1, column: 14 }],
      },
    ],
  },
  'parse-error': {
    valid: [{ code: CLEAN, filename: site }],
    invalid: [
      {
        // A config velo-events cannot read: said once, on the first line, by this rule.
        code: CLEAN,
        filename: path.join(copyFixture('broken-config'), 'src/backend/events.js'),
        errors: [
          {
            message:
              'velo-events cannot read this workspace: velo-events.config.json: /rules/shared-event: expected one of error, warning, info, off; got "loud"',
            line: 1,
            column: 1,
          },
        ],
      },
    ],
  },
  'unresolved-import': {
    valid: [{ code: "import { audit } from './audit';\nexport const wixEcom_onOrderApproved = (event) => audit(event);\n", filename: site }],
    invalid: [
      {
        code: "import { nope } from './audit';\nexport { wixEcom_onOrderApproved } from 'backend/orders';\nexport const wixMembers_onMemberCreated = (event) => nope(event);\n",
        filename: site,
        errors: [
          {
            message: "'./audit' does not export `nope`: the module fails to link with a SyntaxError, so Velo cannot load this file",
            line: 1,
            column: 10,
          },
          {
            message: "cannot find the module 'backend/orders' imported here (no file at sites/shop/src/backend/orders, sites/shop/src/backend/orders.js, sites/shop/src/backend/orders.jsw); Velo cannot load this file",
            line: 2,
            column: 41,
          },
        ],
      },
    ],
  },
  'shared-event': {
    valid: [
      { code: onDisk(path.join(workspace, 'packages/a-b/backend/events.js')), filename: path.join(workspace, 'packages/a-b/backend/events.js') },
      // Edited and unsaved: the workspace report's positions are of the saved text, so not shown.
      { code: `// editing\n${onDisk(site)}`, filename: site },
    ],
    invalid: [{ code: onDisk(site), filename: site, errors: [{ message: SHARED_MESSAGE, line: 3, column: 1 }] }],
  },
  'namespace-collision': {
    valid: [{ code: onDisk(path.join(workspace, 'packages/a-b/backend/events.js')), filename: path.join(workspace, 'packages/a-b/backend/events.js') }],
    invalid: [
      {
        code: onDisk(path.join(workspace, 'packages/a_b/backend/events.js')),
        filename: path.join(workspace, 'packages/a_b/backend/events.js'),
        errors: [
          {
            message:
              'site shop: namespaces `acme-a_b` (packages/a_b) and `@acme/a-b` (packages/a-b) both become the identifier `acme_a_b` in generated code; rename one package',
            line: 1,
            column: 1,
          },
        ],
      },
    ],
  },
  'orphan-package': {
    valid: [{ code: onDisk(path.join(workspace, 'packages/loyalty/backend/events.js')), filename: path.join(workspace, 'packages/loyalty/backend/events.js') }],
    invalid: [
      {
        code: onDisk(path.join(workspace, 'packages/orphan/backend/events.js')),
        filename: path.join(workspace, 'packages/orphan/backend/events.js'),
        errors: [
          {
            message:
              '@acme/orphan has 1 event handler, which never runs: no site depends on it. Add "@acme/orphan" to a site\'s package.json dependencies',
            line: 1,
            column: 1,
          },
        ],
      },
    ],
  },
};

const ruleTester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });

describe('one rule per diagnostic code', () => {
  it('covers every code one events file can show, each with its rule page', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual([...RULE_CODES].sort());
    expect(Object.keys(CASES).sort()).toEqual([...RULE_CODES].sort());
    for (const code of RULE_CODES) {
      // The page inside the installed aggregator: the rule pages are not on the web (issue #24).
      const page = path.join(path.dirname(require.resolve('@velo-events/aggregator/package.json')), 'docs', 'rules', `${code}.md`);
      expect(plugin.rules[code].meta.docs.url).toBe(pathToFileURL(page).href);
      expect(fs.readFileSync(fileURLToPath(plugin.rules[code].meta.docs.url), 'utf8').startsWith(`# ${code}\n`)).toBe(true);
    }
  });
});

for (const code of RULE_CODES) {
  ruleTester.run(code, plugin.rules[code], CASES[code]);
}
