import { aggregate } from '../src/aggregate';
import type { VeloEventsConfig } from '../src/workspace/config';
import type { Report } from '../src/model';
import { diagnostic, expectReport, fixture, handler } from './aggregate-fixture';

const DEFAULT_CONFIG: VeloEventsConfig = { sites: null, packages: null, order: [], rules: {}, catalog: [], stubs: null };

describe('aggregate: handler names against the catalog', () => {
  it('warns on unknown modules and events (with suggestions), deprecated events, extra parameters, data hooks, SDK registrations and non-handler names', async () => {
    const events = 'sites/names/src/backend/events.js';
    const names = (name: string, line: number) => handler('names', 'site', name, events, line, 1);

    const expected: Report = {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'names',
          root: 'sites/names',
          events: {
            // Unknown names stay in the table, with `module: null` (SPEC §3).
            wixBiling_onInvoicePaid: {
              module: null,
              event: 'onInvoicePaid',
              handlers: [names('wixBiling_onInvoicePaid', 4)],
            },
            wixBilling_onInvoicePayed: {
              module: null,
              event: 'onInvoicePayed',
              handlers: [names('wixBilling_onInvoicePayed', 5)],
            },
            wixBookings_onBookingScheduleUpdated: {
              module: 'wix-bookings-backend',
              event: 'onBookingScheduleUpdated',
              handlers: [names('wixBookings_onBookingScheduleUpdated', 23)],
            },
            wixEcom_onOrderApproved: {
              module: 'wix-ecom-backend',
              event: 'onOrderApproved',
              handlers: [names('wixEcom_onOrderApproved', 11)],
            },
            // Zero parameters: no handler-arity.
            wixEcom_onOrderCanceled: {
              module: 'wix-ecom-backend',
              event: 'onOrderCanceled',
              handlers: [names('wixEcom_onOrderCanceled', 12)],
            },
            // `(...args)` declares one parameter: no handler-arity.
            wixEcom_onOrderCommitted: {
              module: 'wix-ecom-backend',
              event: 'onOrderCommitted',
              handlers: [names('wixEcom_onOrderCommitted', 13)],
            },
            wixEcom_onOrderCreated: {
              module: 'wix-ecom-backend',
              event: 'onOrderCreated',
              handlers: [names('wixEcom_onOrderCreated', 9)],
            },
            wixEcom_onOrderUpdated: {
              module: 'wix-ecom-backend',
              event: 'onOrderUpdated',
              handlers: [names('wixEcom_onOrderUpdated', 10)],
            },
            // Documented under its own entry (wix-events-backend) and as an alternate of
            // wixEventsV3_onEventCanceled: known, no warning.
            wixEvents_onEventCanceled: {
              module: 'wix-events-backend',
              event: 'onEventCanceled',
              handlers: [names('wixEvents_onEventCanceled', 7)],
            },
            // Only an alternateHandlers spelling of wixStoresCatalogV1_onProductCreated: known, no warning.
            wixStoresCatalog_onProductCreated: {
              module: 'wix-stores.v2',
              event: 'onProductCreated',
              handlers: [names('wixStoresCatalog_onProductCreated', 8)],
            },
            // Deprecated, but still called by Velo: in the table.
            wixStores_onOrderPaid: {
              module: 'wix-stores-backend',
              event: 'onOrderPaid',
              handlers: [names('wixStores_onOrderPaid', 6)],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'unknown-module',
          'warning',
          events,
          4,
          17,
          '`wixBiling_onInvoicePaid`: no Velo module uses the prefix `wixBiling`; Velo never calls this function. Did you mean `wixBilling_onInvoicePaid`?',
          'wixBilling_onInvoicePaid',
        ),
        diagnostic(
          'unknown-event',
          'warning',
          events,
          5,
          17,
          '`wixBilling_onInvoicePayed`: the prefix `wixBilling` has no event `onInvoicePayed`; Velo never calls this function. Did you mean `wixBilling_onInvoicePaid`?',
          'wixBilling_onInvoicePaid',
        ),
        diagnostic(
          'deprecated-event',
          'warning',
          events,
          6,
          17,
          '`wixStores_onOrderPaid` (wix-stores-backend) is deprecated. This event will continue to work until September 4, 2024, but a newer version is available at `wix-ecom-backend.Events.onOrderPaymentStatusUpdated()`. Use `wixEcom_onOrderPaymentStatusUpdated` instead and check its event payload, which may differ.',
          'wixEcom_onOrderPaymentStatusUpdated',
        ),
        diagnostic(
          'handler-arity',
          'warning',
          events,
          9,
          47,
          '`wixEcom_onOrderCreated` declares 2 parameters, but Velo calls a backend event handler with one argument, `event`; the others never receive a value. Declare `wixEcom_onOrderCreated(event)`',
        ),
        // (event, ...rest): the rest parameter is the second declared parameter.
        diagnostic(
          'handler-arity',
          'warning',
          events,
          10,
          47,
          '`wixEcom_onOrderUpdated` declares 2 parameters, but Velo calls a backend event handler with one argument, `event`; the others never receive a value. Declare `wixEcom_onOrderUpdated(event)`',
        ),
        // A data hook with (item, context): misplaced-hook only, not handler-arity or non-handler-export.
        diagnostic(
          'misplaced-hook',
          'warning',
          events,
          14,
          17,
          '`Items_beforeInsert` is a data hook: Velo reads data hooks only from data.js; move `Items_beforeInsert` to backend/data.js.',
        ),
        diagnostic(
          'non-handler-export',
          'info',
          events,
          15,
          17,
          '`wixBilling_OnInvoicePaid` is not a handler name (`<prefix>_on<Event>`); Velo never calls it. Did you mean `wixBilling_onInvoicePaid`?',
          'wixBilling_onInvoicePaid',
        ),
        // Near-miss of misplaced-hook: not `<collection>_before…`.
        diagnostic(
          'non-handler-export',
          'info',
          events,
          16,
          17,
          '`beforeInsertCheck` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.',
        ),
        // Near-misses: `bus.onProductUpdated(cb)` (bus comes from 'my-event-bus', not @wix/…) and
        // `products.onProductDeleted(cb)` inside a function (not top level).
        diagnostic(
          'sdk-registration',
          'warning',
          events,
          18,
          1,
          "`products.onProductCreated(…)` registers a callback through the SDK module '@wix/stores'; on Wix sites these callbacks never run, only Velo handlers in events.js do — export `wixStoresCatalogV1_onProductCreated(event)` or `wixStores_onProductCreated(event)` from events.js instead",
          'wixStoresCatalogV1_onProductCreated',
        ),
        // Deprecated without a replacement handler: the doc text and its page, no suggestion.
        diagnostic(
          'deprecated-event',
          'warning',
          events,
          23,
          17,
          '`wixBookings_onBookingScheduleUpdated` (wix-bookings-backend) is deprecated. The onBookingScheduleUpdated event has been deprecated and will be removed on June 30, 2026. Use the Bookings V2 Booking Rescheduled, Booking Canceled, and Booking Updated SDK events instead. See https://dev.wix.com/docs/velo/apis/wix-bookings-backend/events/on-booking-schedule-updated.md.',
        ),
      ],
    };
    expectReport((await aggregate({ root: fixture('handler-names') })).report, expected);
  });
});

describe('aggregate: config rules and catalog entries (SPEC §2 Config)', () => {
  const events = 'sites/widgets/src/backend/events.js';

  it('velo-events.config.json: an extra catalog entry makes a name known, rules change severities and turn a code off', async () => {
    expectReport((await aggregate({ root: fixture('config-rules-catalog') })).report, {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'widgets',
          root: 'sites/widgets',
          events: {
            acmeWidgets_onWidgetBuild: {
              module: null,
              event: 'onWidgetBuild',
              handlers: [handler('widgets', 'site', 'acmeWidgets_onWidgetBuild', events, 2, 1)],
            },
            acmeWidgets_onWidgetBuilt: {
              module: 'acme-widgets-backend',
              event: 'onWidgetBuilt',
              handlers: [handler('widgets', 'site', 'acmeWidgets_onWidgetBuilt', events, 1, 1)],
            },
          },
        },
      ],
      diagnostics: [
        // The config's prefix is now known, so its typo is an unknown-event, raised to error.
        diagnostic(
          'unknown-event',
          'error',
          events,
          2,
          17,
          '`acmeWidgets_onWidgetBuild`: the prefix `acmeWidgets` has no event `onWidgetBuild`; Velo never calls this function. Did you mean `acmeWidgets_onWidgetBuilt`?',
          'acmeWidgets_onWidgetBuilt',
        ),
        // not-a-function downgraded from error to warning.
        diagnostic(
          'not-a-function',
          'warning',
          events,
          3,
          14,
          '`wixCrm_onContactCreated` is bound to a number, not a function; Velo can only call a function. Write `export function wixCrm_onContactCreated(event) { … }`',
        ),
        // non-handler-export for `helper` is off.
      ],
    });
  });

  it('near-miss: the same files with the default config give default severities and unknown modules', async () => {
    const noSuggestion =
      "Check the exact name on the event's Velo docs page, or declare the event in velo-events.config.json if the catalog lacks it.";
    expectReport((await aggregate({ root: fixture('config-rules-catalog'), config: DEFAULT_CONFIG })).report, {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'widgets',
          root: 'sites/widgets',
          events: {
            acmeWidgets_onWidgetBuild: {
              module: null,
              event: 'onWidgetBuild',
              handlers: [handler('widgets', 'site', 'acmeWidgets_onWidgetBuild', events, 2, 1)],
            },
            acmeWidgets_onWidgetBuilt: {
              module: null,
              event: 'onWidgetBuilt',
              handlers: [handler('widgets', 'site', 'acmeWidgets_onWidgetBuilt', events, 1, 1)],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'unknown-module',
          'warning',
          events,
          1,
          17,
          `\`acmeWidgets_onWidgetBuilt\`: no Velo module uses the prefix \`acmeWidgets\`; Velo never calls this function. ${noSuggestion}`,
        ),
        diagnostic(
          'unknown-module',
          'warning',
          events,
          2,
          17,
          `\`acmeWidgets_onWidgetBuild\`: no Velo module uses the prefix \`acmeWidgets\`; Velo never calls this function. ${noSuggestion}`,
        ),
        diagnostic(
          'not-a-function',
          'error',
          events,
          3,
          14,
          '`wixCrm_onContactCreated` is bound to a number, not a function; Velo can only call a function. Write `export function wixCrm_onContactCreated(event) { … }`',
        ),
        diagnostic(
          'non-handler-export',
          'info',
          events,
          4,
          14,
          '`helper` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.',
        ),
      ],
    });
  });
});
