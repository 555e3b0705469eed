import { aggregate } from '../src/aggregate';
import type { Report } from '../src/model';
import { diagnostic, expectReport, fixture, handler } from './aggregate-fixture';

async function reportOf(name: string): Promise<Report> {
  return (await aggregate({ root: fixture(name) })).report;
}

const DYNAMIC_TAIL = (name: string): string =>
  `, a value only known by running code; Velo does not support dynamic exports in events.js. Write \`export function ${name}(event) { … }\` and compute inside it`;

const PACKAGE_REEXPORT = (name: string, specifier: string): string =>
  `\`${name}\` is re-exported from the package '${specifier}'; Velo does not support re-exporting package code in events.js. Import it and export a function that calls it: \`export function ${name}(event) { return imported(event); }\``;

const NOT_A_HANDLER_NAME = (name: string): string =>
  `\`${name}\` is not a handler name (\`<prefix>_on<Event>\`); Velo never calls it.`;

describe('aggregate: unsupported-export (SPEC §4, FACTS §a)', () => {
  it('reports CommonJS, default exports, package re-exports, dynamic values and handlers wrapped in objects, and keeps them out of the table', async () => {
    const events = 'sites/legacy-shop/src/backend/events.js';
    const wrapped = 'packages/wrapped/backend/events.js';

    expectReport(await reportOf('unsupported-forms'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'legacy-shop',
          root: 'sites/legacy-shop',
          events: {
            // Near-miss of the wrapped object: `wixBlog = { onPostCreated }` is also exported on its own.
            wixBlog_onPostCreated: {
              module: 'wix-blog-backend',
              event: 'onPostCreated',
              handlers: [handler('legacy-shop', 'site', 'wixBlog_onPostCreated', events, 16, 1)],
            },
            // The package's named export next to its `export default { … }` still counts.
            wixCrm_onFormSubmit: {
              module: 'wix-crm-backend',
              event: 'onFormSubmit',
              handlers: [handler('@acme/wrapped', 'package', 'wixCrm_onFormSubmit', wrapped, 2, 1)],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'unsupported-export',
          'error',
          wrapped,
          1,
          1,
          'Velo does not support `export default` in events.js and never calls a default export; export each handler on its own instead: `export function wixCrm_onContactCreated(event) { … }`, `export function wixCrm_onContactDeleted(event) { … }` (wrapped here: `wixCrm_onContactCreated`, `wixCrm_onContactDeleted`)',
        ),
        diagnostic(
          'unsupported-export',
          'error',
          events,
          4,
          1,
          'CommonJS export `module.exports.wixBilling_onInvoicePaid` is not supported by Velo in events.js; use ES module syntax: `export function wixBilling_onInvoicePaid(event) { … }`',
        ),
        diagnostic(
          'unsupported-export',
          'error',
          events,
          5,
          1,
          'CommonJS export `exports.wixBilling_onInvoiceSent` is not supported by Velo in events.js; use ES module syntax: `export function wixBilling_onInvoiceSent(event) { … }`',
        ),
        diagnostic(
          'unsupported-export',
          'error',
          events,
          6,
          1,
          'Velo does not support `export default` in events.js and never calls a default export; export each handler as a named function: `export function <prefix>_on<Event>(event) { … }`',
        ),
        // export { x as h } from '@velo/orders-backend'
        diagnostic(
          'unsupported-export',
          'error',
          events,
          7,
          25,
          PACKAGE_REEXPORT('wixEcom_onOrderPaymentStatusUpdated', '@velo/orders-backend'),
        ),
        // import { x } from '@velo/orders-backend'; export { x as h }
        diagnostic(
          'unsupported-export',
          'error',
          events,
          8,
          24,
          PACKAGE_REEXPORT('wixEcom_onOrderApproved', '@velo/orders-backend'),
        ),
        diagnostic(
          'unsupported-export',
          'error',
          events,
          9,
          1,
          "`export * from '@velo/loyalty-backend'` re-exports from the package '@velo/loyalty-backend', which Velo does not support in events.js; import what you need and export a function that calls it: `export function <handler>(event) { return imported(event); }`",
        ),
        diagnostic(
          'unsupported-export',
          'error',
          events,
          10,
          14,
          `\`wixEcom_onOrderCreated\` is bound to the result of \`makeHandler('orders')\`${DYNAMIC_TAIL('wixEcom_onOrderCreated')}`,
        ),
        diagnostic(
          'unsupported-export',
          'error',
          events,
          11,
          14,
          `\`wixEcom_onOrderUpdated\` is bound to the member access \`registry.onOrderUpdated\`${DYNAMIC_TAIL('wixEcom_onOrderUpdated')}`,
        ),
        diagnostic(
          'unsupported-export',
          'error',
          events,
          12,
          14,
          `\`wixEcom_onOrderCanceled\` is bound to a conditional expression${DYNAMIC_TAIL('wixEcom_onOrderCanceled')}`,
        ),
        // export const wixCrm = { onContactCreated(event) {} } — only the unsupported-export:
        // "not a handler name" would add nothing to it.
        diagnostic(
          'unsupported-export',
          'error',
          events,
          13,
          14,
          '`wixCrm` wraps handlers in an object (`wixCrm_onContactCreated`); Velo calls only functions exported by name. Export each one: `export function wixCrm_onContactCreated(event) { … }`',
        ),
        // export const handlerMap = { wixCrm_onContactUpdated(event) {} }
        diagnostic(
          'unsupported-export',
          'error',
          events,
          14,
          14,
          '`handlerMap` wraps handlers in an object (`wixCrm_onContactUpdated`); Velo calls only functions exported by name. Export each one: `export function wixCrm_onContactUpdated(event) { … }`',
        ),
        // Near-miss: the wrapped handler is exported on its own too → no unsupported-export.
        diagnostic('non-handler-export', 'info', events, 15, 14, NOT_A_HANDLER_NAME('wixBlog')),
        // Near-miss: a dynamic value under a non-handler name → only non-handler-export.
        diagnostic('non-handler-export', 'info', events, 17, 14, NOT_A_HANDLER_NAME('settings')),
      ],
    });
  });

  it("reports a helper's `export * from '<package>'` that the events file's star re-exports", async () => {
    // events.js: export * from './vendor.js'; vendor.js: export * from '@velo/vendor-backend'
    // and export { x as h } from '@velo/vendor-backend'. Both re-export package code through
    // events.js (SPEC §4 unsupported-export: "a re-export (`export … from`, `export *`) … that
    // comes from a bare … specifier"; §3: "Everything Velo will not call is reported").
    const vendor = 'sites/vendor-site/src/backend/vendor.js';
    expectReport(await reportOf('bare-star-in-helper'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'vendor-site',
          root: 'sites/vendor-site',
          events: {
            wixStores_onProductUpdated: {
              module: 'wix-stores-backend',
              event: 'onProductUpdated',
              handlers: [
                handler('vendor-site', 'site', 'wixStores_onProductUpdated', 'sites/vendor-site/src/backend/events.js', 2, 1),
              ],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'unsupported-export',
          'error',
          vendor,
          1,
          1,
          "`export * from '@velo/vendor-backend'` re-exports from the package '@velo/vendor-backend', which Velo does not support in events.js; import what you need and export a function that calls it: `export function <handler>(event) { return imported(event); }`",
        ),
        diagnostic(
          'unsupported-export',
          'error',
          vendor,
          2,
          30,
          PACKAGE_REEXPORT('wixStores_onProductCreated', '@velo/vendor-backend'),
        ),
      ],
    });
  });
});

describe('aggregate: an exported let the module assigns again (issue 14)', () => {
  it('is a dynamic export, out of the table; the one never assigned again is a handler', async () => {
    const events = 'sites/crm/src/backend/events.js';
    expectReport(await reportOf('reassigned-export'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'crm',
          root: 'sites/crm',
          events: {
            wixCrm_onContactUpdated: {
              module: 'wix-crm-backend',
              event: 'onContactUpdated',
              handlers: [handler('crm', 'site', 'wixCrm_onContactUpdated', events, 7, 1)],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'unsupported-export',
          'error',
          events,
          2,
          12,
          `\`wixCrm_onContactCreated\` is bound to a variable the module assigns again (at 5:1)${DYNAMIC_TAIL('wixCrm_onContactCreated')}`,
        ),
      ],
    });
  });
});

describe('aggregate: not-a-function', () => {
  it('reports handler names bound to a number, string, object, class or generator; a non-handler number is only non-handler-export', async () => {
    const events = 'sites/values/src/backend/events.js';
    const notAFunction = (name: string, what: string): string =>
      `\`${name}\` is bound to ${what}, not a function; Velo can only call a function. Write \`export function ${name}(event) { … }\``;

    expectReport(await reportOf('not-a-function'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'values',
          root: 'sites/values',
          events: {
            wixBilling_onInvoicePaid: {
              module: 'wix-billing-backend',
              event: 'onInvoicePaid',
              handlers: [handler('values', 'site', 'wixBilling_onInvoicePaid', events, 7, 1)],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic('not-a-function', 'error', events, 1, 14, notAFunction('wixCrm_onContactCreated', 'a number')),
        diagnostic('not-a-function', 'error', events, 2, 14, notAFunction('wixCrm_onContactUpdated', 'a string')),
        diagnostic('not-a-function', 'error', events, 3, 14, notAFunction('wixCrm_onContactDeleted', 'an object')),
        diagnostic('not-a-function', 'error', events, 4, 14, notAFunction('wixCrm_onContactMerged', 'a class')),
        diagnostic('not-a-function', 'error', events, 5, 18, notAFunction('wixCrm_onFormSubmit', 'a generator function')),
        diagnostic('non-handler-export', 'info', events, 6, 14, NOT_A_HANDLER_NAME('retries')),
      ],
    });
  });
});

describe('aggregate: duplicate-export', () => {
  it('reports a name exported twice at its second export and drops that file\'s handlers; one local under two names and a star shadowed by an explicit export are not duplicates', async () => {
    const once = 'sites/once/src/backend/events.js';
    expectReport(await reportOf('duplicate-export'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        // Near-miss: `export { f as h, f as other }` and an explicit export shadowing a star.
        {
          name: 'once',
          root: 'sites/once',
          events: {
            wixCrm_onContactUpdated: {
              module: 'wix-crm-backend',
              event: 'onContactUpdated',
              handlers: [handler('once', 'site', 'wixCrm_onContactUpdated', once, 4, 1)],
            },
            wixCrm_onFormSubmit: {
              module: 'wix-crm-backend',
              event: 'onFormSubmit',
              handlers: [handler('once', 'site', 'wixCrm_onFormSubmit', once, 1, 1)],
            },
          },
        },
        {
          name: 'twice',
          root: 'sites/twice',
          // A module that exports one name twice is a SyntaxError: it does not load, so none of
          // its handlers run (wixCrm_onContactDeleted included) and the table is empty.
          events: {},
        },
      ],
      diagnostics: [
        diagnostic('non-handler-export', 'info', once, 2, 59, NOT_A_HANDLER_NAME('submitForm')),
        diagnostic(
          'duplicate-export',
          'error',
          'sites/twice/src/backend/events.js',
          3,
          33,
          '`wixCrm_onContactCreated` is already exported at line 1, column 17; a module that exports one name twice does not load, so Velo runs none of its handlers. Remove one of the exports',
        ),
      ],
    });
  });
});
