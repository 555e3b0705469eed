import type { CatalogEntry, DiagnosticCode, Finding } from '../model';
import { builtinCatalog, createCatalog } from './catalog';
import { checkExportName, condenseDeprecation, type NameVerdict } from './check-export-name';

const at = { file: 'src/backend/events.js', line: 3, column: 17 };
const check = (name: string): NameVerdict => checkExportName(name, at, builtinCatalog());
const finding = (code: DiagnosticCode, message: string, suggestion?: string): Finding => ({
  code,
  ...at,
  message,
  ...(suggestion === undefined ? {} : { suggestion }),
});
const CHECK_DOCS =
  "Check the exact name on the event's Velo docs page, or declare the event in velo-events.config.json if the catalog lacks it.";

describe('checkExportName: catalog names', () => {
  it('accepts a known handler with its module and event', () => {
    expect(check('wixBilling_onInvoicePaid')).toEqual({
      role: 'handler',
      module: 'wix-billing-backend',
      event: 'onInvoicePaid',
      findings: [],
    });
  });

  it('accepts an alternate spelling and reports the entry it belongs to', () => {
    expect(check('wixStoresCatalog_onProductCreated')).toEqual({
      role: 'handler',
      module: 'wix-stores.v2',
      event: 'onProductCreated',
      findings: [],
    });
    // Both an alternate of wixEventsV3_onEventCanceled and documented in wix-events-backend.
    expect(check('wixEvents_onEventCanceled')).toEqual({
      role: 'handler',
      module: 'wix-events-backend',
      event: 'onEventCanceled',
      findings: [],
    });
  });

  it('warns about a deprecated handler and names its replacement', () => {
    expect(check('wixStores_onOrderPaid')).toEqual({
      role: 'handler',
      module: 'wix-stores-backend',
      event: 'onOrderPaid',
      findings: [
        finding(
          'deprecated-event',
          '`wixStores_onOrderPaid` (wix-stores-backend) is deprecated. This event will continue to work until September 4, 2024, but a newer version is available at `wix-ecom-backend.Events.onOrderPaymentStatusUpdated()`. Use `wixEcom_onOrderPaymentStatusUpdated` instead and check its event payload, which may differ.',
          'wixEcom_onOrderPaymentStatusUpdated',
        ),
      ],
    });
    expect(check('wixPricingPlans_onPlanPurchased').findings).toEqual([
      finding(
        'deprecated-event',
        '`wixPricingPlans_onPlanPurchased` (wix-pricing-plans-backend) is deprecated. This event has been deprecated, use the `onOrderPurchased()` event instead. Use `wixPricingPlans_onOrderPurchased` instead and check its event payload, which may differ.',
        'wixPricingPlans_onOrderPurchased',
      ),
    ]);
  });

  it('warns about a deprecated handler without a single replacement, quoting the docs and linking them', () => {
    expect(check('wixBookings_onBookingScheduleUpdated').findings).toEqual([
      finding(
        'deprecated-event',
        '`wixBookings_onBookingScheduleUpdated` (wix-bookings-backend) is deprecated. The onBookingScheduleUpdated event has been deprecated and will be removed on June 30, 2026. Use the Bookings V2 Booking Rescheduled, Booking Canceled, and Booking Updated SDK events instead. See https://dev.wix.com/docs/velo/apis/wix-bookings-backend/events/on-booking-schedule-updated.md.',
      ),
    ]);
  });

  it('does not flag the replacement or a name deprecated only in an old module (near misses of deprecated-event)', () => {
    expect(check('wixEcom_onOrderPaymentStatusUpdated').findings).toEqual([]);
    expect(check('wixMembers_onMemberCreated')).toEqual({
      role: 'handler',
      module: 'wix-members-backend',
      event: 'onMemberCreated',
      findings: [],
    });
  });
});

describe('checkExportName: unknown handler-shaped names', () => {
  it('suggests the nearest prefix that has the event (unknown-module)', () => {
    expect(check('wixBiling_onInvoicePaid')).toEqual({
      role: 'handler',
      module: null,
      event: 'onInvoicePaid',
      findings: [
        finding(
          'unknown-module',
          '`wixBiling_onInvoicePaid`: no Velo module uses the prefix `wixBiling`; Velo never calls this function. Did you mean `wixBilling_onInvoicePaid`?',
          'wixBilling_onInvoicePaid',
        ),
      ],
    });
    expect(check('wixbilling_onInvoicePaid').findings.map((f) => f.suggestion)).toEqual(['wixBilling_onInvoicePaid']);
  });

  it('falls back to the nearest whole handler name when the nearest prefix lacks the event', () => {
    expect(check('wixEcommerce_onOrderApproved').findings).toEqual([
      finding(
        'unknown-module',
        '`wixEcommerce_onOrderApproved`: no Velo module uses the prefix `wixEcommerce`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?',
        'wixEcom_onOrderApproved',
      ),
    ]);
  });

  it('gives no suggestion when nothing is close (unknown-module)', () => {
    expect(check('acme_onThing')).toEqual({
      role: 'handler',
      module: null,
      event: 'onThing',
      findings: [
        finding('unknown-module', `\`acme_onThing\`: no Velo module uses the prefix \`acme\`; Velo never calls this function. ${CHECK_DOCS}`),
      ],
    });
  });

  it('suggests the nearest event of a known prefix (unknown-event)', () => {
    expect(check('wixBilling_onInvoicePayed')).toEqual({
      role: 'handler',
      module: null,
      event: 'onInvoicePayed',
      findings: [
        finding(
          'unknown-event',
          '`wixBilling_onInvoicePayed`: the prefix `wixBilling` has no event `onInvoicePayed`; Velo never calls this function. Did you mean `wixBilling_onInvoicePaid`?',
          'wixBilling_onInvoicePaid',
        ),
      ],
    });
  });

  it('gives no suggestion when no event of the prefix is close (unknown-event)', () => {
    expect(check('wixBilling_onSomethingElse').findings).toEqual([
      finding(
        'unknown-event',
        `\`wixBilling_onSomethingElse\`: the prefix \`wixBilling\` has no event \`onSomethingElse\`; Velo never calls this function. ${CHECK_DOCS}`,
      ),
    ]);
  });

  it('treats the prefix of an alternate name as known (near miss of unknown-module)', () => {
    expect(check('wixStoresCatalog_onProductUpdate').findings).toEqual([
      finding(
        'unknown-event',
        '`wixStoresCatalog_onProductUpdate`: the prefix `wixStoresCatalog` has no event `onProductUpdate`; Velo never calls this function. Did you mean `wixStoresCatalog_onProductUpdated`?',
        'wixStoresCatalog_onProductUpdated',
      ),
    ]);
  });

  it('knows a name once a config entry adds it', () => {
    const extra: CatalogEntry = {
      handler: 'wixAcme_onThing',
      module: 'wix-acme.v2',
      prefix: 'wixAcme',
      event: 'onThing',
      deprecated: false,
    };
    const catalog = createCatalog([...builtinCatalog().entries, extra]);
    expect(check('wixAcme_onThing').findings.map((f) => f.code)).toEqual(['unknown-module']);
    expect(checkExportName('wixAcme_onThing', at, catalog)).toEqual({
      role: 'handler',
      module: 'wix-acme.v2',
      event: 'onThing',
      findings: [],
    });
  });
});

describe('checkExportName: data hooks', () => {
  it.each(['Items_beforeInsert', 'myCollection_onFailure', 'Members_PrivateMembersData_afterQuery'])('flags %s as misplaced', (name) => {
    expect(check(name)).toEqual({
      role: 'hook',
      module: null,
      event: '',
      findings: [
        finding(
          'misplaced-hook',
          `\`${name}\` is a data hook: Velo reads data hooks only from data.js; move \`${name}\` to backend/data.js.`,
        ),
      ],
    });
  });

  it('does not take near misses for hooks', () => {
    expect(check('myCollection_onFailed').findings.map((f) => f.code)).toEqual(['unknown-module']);
    expect(check('Items_beforeInsertion').findings.map((f) => f.code)).toEqual(['non-handler-export']);
    expect(check('_beforeInsert').findings.map((f) => f.code)).toEqual(['non-handler-export']);
  });
});

describe('checkExportName: other exports', () => {
  it('reports a helper export without a suggestion', () => {
    expect(check('helper')).toEqual({
      role: 'other',
      module: null,
      event: '',
      findings: [finding('non-handler-export', '`helper` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.')],
    });
    expect(check('onInvoicePaid').findings.map((f) => f.suggestion)).toEqual([undefined]);
  });

  it.each([
    ['wixBilling_OnInvoicePaid', 'wixBilling_onInvoicePaid'],
    ['wixBilling_invoicePaid', 'wixBilling_onInvoicePaid'],
    ['WixBilling_onInvoicePaid', 'wixBilling_onInvoicePaid'],
  ])('suggests the handler %s is a slip of', (name, suggestion) => {
    expect(check(name)).toEqual({
      role: 'other',
      module: null,
      event: '',
      findings: [
        finding(
          'non-handler-export',
          `\`${name}\` is not a handler name (\`<prefix>_on<Event>\`); Velo never calls it. Did you mean \`${suggestion}\`?`,
          suggestion,
        ),
      ],
    });
  });

  it('never writes an undefined suggestion key', () => {
    const keys = ['helper', 'acme_onThing', 'Items_beforeInsert', 'wixBookings_onBookingScheduleUpdated'].flatMap((name) =>
      check(name).findings.map((f) => Object.keys(f)),
    );
    expect(keys).toEqual(Array(4).fill(['code', 'file', 'line', 'column', 'message']));
  });
});

describe('condenseDeprecation', () => {
  it('drops the "Deprecated." lead and keeps up to the sentence naming what to use', () => {
    expect(
      condenseDeprecation(
        'Deprecated. The onBookingCanceled event has been deprecated and will be removed on June 30, 2026. Use the Bookings V2 Booking Canceled SDK event instead.',
      ),
    ).toBe(
      'The onBookingCanceled event has been deprecated and will be removed on June 30, 2026. Use the Bookings V2 Booking Canceled SDK event instead.',
    );
    expect(condenseDeprecation('Deprecation Notice: This webhook has been deprecated and will be removed on January 29, 2024.')).toBe(
      'This webhook has been deprecated and will be removed on January 29, 2024.',
    );
    expect(condenseDeprecation('Only in corvid-types 0.4.16; absent from current docs')).toBe(
      'Only in corvid-types 0.4.16; absent from current docs.',
    );
    expect(condenseDeprecation('Deprecated.')).toBe('');
  });
});
