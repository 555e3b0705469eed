import { aggregate } from '../src/aggregate';
import type { Report } from '../src/model';
import { diagnostic, expectReport, fixture, handler } from './aggregate-fixture';

async function reportOf(name: string): Promise<Report> {
  return (await aggregate({ root: fixture(name) })).report;
}

describe('aggregate: accepted export forms (SPEC §3)', () => {
  it('lists every accepted form with the file, line and column that DEFINES the handler', async () => {
    const events = 'packages/shop/src/backend/events.js';
    const backend = 'packages/shop/src/backend';
    const shop = (name: string, file: string, line: number, async = false) =>
      handler('shop', 'site', name, file, line, 1, async);

    expectReport(await reportOf('export-forms'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'shop',
          root: 'packages/shop',
          events: {
            // `export { a as h, b as h2 }` of names imported from 'backend/billing' (no
            // extension) and 'backend/billing.js' (with extension).
            wixBilling_onInvoiceCreated: {
              module: 'wix-billing-backend',
              event: 'onInvoiceCreated',
              handlers: [shop('wixBilling_onInvoiceCreated', `${backend}/billing.js`, 2, true)],
            },
            // export async function
            wixBilling_onInvoiceOverdue: {
              module: 'wix-billing-backend',
              event: 'onInvoiceOverdue',
              handlers: [shop('wixBilling_onInvoiceOverdue', events, 8, true)],
            },
            // export function
            wixBilling_onInvoicePaid: {
              module: 'wix-billing-backend',
              event: 'onInvoicePaid',
              handlers: [shop('wixBilling_onInvoicePaid', events, 7)],
            },
            wixBilling_onInvoiceSent: {
              module: 'wix-billing-backend',
              event: 'onInvoiceSent',
              handlers: [shop('wixBilling_onInvoiceSent', `${backend}/billing.js`, 1)],
            },
            // export const h = f, where f is a local async function
            wixBilling_onPriceQuoteAccepted: {
              module: 'wix-billing-backend',
              event: 'onPriceQuoteAccepted',
              handlers: [shop('wixBilling_onPriceQuoteAccepted', events, 15, true)],
            },
            // function f(){}; export { f as h }
            wixBilling_onPriceQuoteSent: {
              module: 'wix-billing-backend',
              event: 'onPriceQuoteSent',
              handlers: [shop('wixBilling_onPriceQuoteSent', events, 13)],
            },
            // export { default as h } from './category.js' (a helper's default, re-exported by name)
            wixBlog_onCategoryCreated: {
              module: 'wix-blog-backend',
              event: 'onCategoryCreated',
              handlers: [shop('wixBlog_onCategoryCreated', `${backend}/category.js`, 1)],
            },
            // imported from 'public/blog' (no extension) and 'public/blog.js', then exported
            wixBlog_onPostCreated: {
              module: 'wix-blog-backend',
              event: 'onPostCreated',
              handlers: [shop('wixBlog_onPostCreated', 'packages/shop/src/public/blog.js', 1)],
            },
            wixBlog_onPostDeleted: {
              module: 'wix-blog-backend',
              event: 'onPostDeleted',
              handlers: [shop('wixBlog_onPostDeleted', 'packages/shop/src/public/blog.js', 3)],
            },
            // export { h } from 'backend/tags.js'
            wixBlog_onTagCreated: {
              module: 'wix-blog-backend',
              event: 'onTagCreated',
              handlers: [shop('wixBlog_onTagCreated', `${backend}/tags.js`, 1)],
            },
            // export { h } from 'public/tags'
            wixBlog_onTagDeleted: {
              module: 'wix-blog-backend',
              event: 'onTagDeleted',
              handlers: [shop('wixBlog_onTagDeleted', 'packages/shop/src/public/tags.js', 1)],
            },
            // export const h = (event) => {}
            wixCrm_onContactCreated: {
              module: 'wix-crm-backend',
              event: 'onContactCreated',
              handlers: [shop('wixCrm_onContactCreated', events, 9)],
            },
            // import { f } from './crm.js'; export { f as h }
            wixCrm_onContactDeleted: {
              module: 'wix-crm-backend',
              event: 'onContactDeleted',
              handlers: [shop('wixCrm_onContactDeleted', `${backend}/crm.js`, 2)],
            },
            // export var h = async function () {}
            wixCrm_onContactMerged: {
              module: 'wix-crm-backend',
              event: 'onContactMerged',
              handlers: [shop('wixCrm_onContactMerged', events, 12, true)],
            },
            // export const h = async (event) => {}
            wixCrm_onContactUpdated: {
              module: 'wix-crm-backend',
              event: 'onContactUpdated',
              handlers: [shop('wixCrm_onContactUpdated', events, 10, true)],
            },
            // export let h = function () {}
            wixCrm_onFormSubmit: {
              module: 'wix-crm-backend',
              event: 'onFormSubmit',
              handlers: [shop('wixCrm_onFormSubmit', events, 11)],
            },
            wixEcom_onOrderApproved: {
              module: 'wix-ecom-backend',
              event: 'onOrderApproved',
              // A Velo package's `backend/…` specifier resolves against the package root.
              handlers: [
                handler('@acme/loyalty', 'package', 'wixEcom_onOrderApproved', 'packages/loyalty/backend/approvals.js', 1, 1, true),
              ],
            },
            // export { h } from './orders.js'
            wixEcom_onOrderCreated: {
              module: 'wix-ecom-backend',
              event: 'onOrderCreated',
              handlers: [shop('wixEcom_onOrderCreated', `${backend}/orders.js`, 1)],
            },
            // export { h } from './orders' (no extension)
            wixEcom_onOrderUpdated: {
              module: 'wix-ecom-backend',
              event: 'onOrderUpdated',
              handlers: [shop('wixEcom_onOrderUpdated', `${backend}/orders.js`, 2, true)],
            },
            // export * from 'backend/members' (site-absolute, no extension)
            wixMembers_onMemberCreated: {
              module: 'wix-members-backend',
              event: 'onMemberCreated',
              handlers: [shop('wixMembers_onMemberCreated', `${backend}/members.js`, 2)],
            },
            // export * from './stores.js'
            wixStores_onProductCreated: {
              module: 'wix-stores-backend',
              event: 'onProductCreated',
              handlers: [shop('wixStores_onProductCreated', `${backend}/stores.js`, 1)],
            },
            wixStores_onProductUpdated: {
              module: 'wix-stores-backend',
              event: 'onProductUpdated',
              handlers: [shop('wixStores_onProductUpdated', `${backend}/stores.js`, 2)],
            },
          },
        },
      ],
      // Near-miss for every code: nothing here is unsupported, unknown or misplaced.
      diagnostics: [],
    });
  });
});

describe('aggregate: re-export semantics (ES rules, SPEC §3)', () => {
  it('follows a 3-file chain, ends star cycles, never re-exports default, drops ambiguous stars and lets explicit exports shadow stars', async () => {
    const backend = 'sites/chains/src/backend';
    const chains = (name: string, file: string, line: number, async = false) =>
      handler('chains', 'site', name, `${backend}/${file}`, line, 1, async);

    expectReport(await reportOf('reexport-chains'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'chains',
          root: 'sites/chains',
          events: {
            // Star from with-default.js: its named export comes through, its default does not
            // (no `default` in the table and no non-handler-export for it).
            wixBlog_onPostCreated: {
              module: 'wix-blog-backend',
              event: 'onPostCreated',
              handlers: [chains('wixBlog_onPostCreated', 'with-default.js', 2)],
            },
            // The same definition reached through two stars (diamond-left, diamond-right → common): not ambiguous.
            wixBlog_onPostDeleted: {
              module: 'wix-blog-backend',
              event: 'onPostDeleted',
              handlers: [chains('wixBlog_onPostDeleted', 'common.js', 1)],
            },
            // The explicit export shadows the star from shadowed.js.
            wixBlog_onPostLiked: {
              module: 'wix-blog-backend',
              event: 'onPostLiked',
              handlers: [chains('wixBlog_onPostLiked', 'events.js', 9)],
            },
            // Two stars provide it (left, right), but the explicit export wins: no ambiguity.
            wixBlog_onPostUnliked: {
              module: 'wix-blog-backend',
              event: 'onPostUnliked',
              handlers: [chains('wixBlog_onPostUnliked', 'events.js', 10)],
            },
            // wixBlog_onPostUpdated is ambiguous (left.js and right.js): not exported.
            // cycle-a ↔ cycle-b: both names come through and resolution terminates.
            wixCrm_onContactCreated: {
              module: 'wix-crm-backend',
              event: 'onContactCreated',
              handlers: [chains('wixCrm_onContactCreated', 'cycle-a.js', 2)],
            },
            wixCrm_onContactUpdated: {
              module: 'wix-crm-backend',
              event: 'onContactUpdated',
              handlers: [chains('wixCrm_onContactUpdated', 'cycle-b.js', 2)],
            },
            // events.js → level1.js → level2.js → level3.js, where it is defined.
            wixEcom_onOrderCreated: {
              module: 'wix-ecom-backend',
              event: 'onOrderCreated',
              handlers: [chains('wixEcom_onOrderCreated', 'level3.js', 3, true)],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'duplicate-export',
          'error',
          `${backend}/events.js`,
          5,
          1,
          `\`wixBlog_onPostUpdated\` comes from two \`export *\` (${backend}/left.js and ${backend}/right.js); an ambiguous star export is not exported at all, so Velo never sees it. Export it explicitly: \`export { wixBlog_onPostUpdated } from '…'\``,
        ),
      ],
    });
  });

  it('does not call one definition ambiguous when a star and a named re-export both lead to it', async () => {
    // events.js: export * from './via-star.js' (→ export * from './common.js') and
    // export * from './via-name.js' (→ export { h } from './common.js'). Both resolve to the
    // same binding in common.js, so ES exports it; via-name.js links fine on its own.
    expectReport(await reportOf('diamond-mixed-paths'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'diamond',
          root: 'sites/diamond',
          events: {
            wixBlog_onCategoryCreated: {
              module: 'wix-blog-backend',
              event: 'onCategoryCreated',
              handlers: [
                handler('diamond', 'site', 'wixBlog_onCategoryCreated', 'sites/diamond/src/backend/common.js', 1, 1),
              ],
            },
          },
        },
      ],
      diagnostics: [],
    });
  });

  it('reports a missing module (at its specifier) and a name the target does not export; the file then runs nothing', async () => {
    const events = 'sites/links/src/backend/events.js';
    expectReport(await reportOf('broken-links'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'links',
          root: 'sites/links',
          // A module graph that fails to load or link runs none of its handlers, even
          // wixCrm_onContactDeleted (a plain function) and wixCrm_onFormSubmit (which resolves:
          // the near-miss of the missing name gets no diagnostic below).
          events: {},
        },
      ],
      diagnostics: [
        diagnostic(
          'unresolved-import',
          'error',
          events,
          1,
          41,
          "cannot find the module './missing.js' imported here (no file at sites/links/src/backend/missing.js); Velo cannot load this file",
        ),
        diagnostic(
          'unresolved-import',
          'error',
          events,
          2,
          24,
          "cannot find the module './also-missing' imported here (no file at sites/links/src/backend/also-missing, sites/links/src/backend/also-missing.js, sites/links/src/backend/also-missing.jsw); Velo cannot load this file",
        ),
        diagnostic(
          'unresolved-import',
          'error',
          events,
          4,
          15,
          "cannot find the module 'backend/not-there' imported here (no file at sites/links/src/backend/not-there, sites/links/src/backend/not-there.js, sites/links/src/backend/not-there.jsw); Velo cannot load this file",
        ),
        diagnostic(
          'unresolved-import',
          'error',
          events,
          6,
          10,
          "'./helpers.js' does not export `notThere`: the module fails to link with a SyntaxError, so Velo cannot load this file",
        ),
      ],
    });
  });
});
