import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogEntry } from '../model';
import { builtinCatalog, createCatalog } from './catalog';
import { HANDLER_NAME } from './check-export-name';

const catalogFile = path.join(__dirname, '..', '..', 'catalog', 'catalog.json');
const fileText = readFileSync(catalogFile, 'utf8');
const shipped = JSON.parse(fileText) as CatalogEntry[];

describe('catalog/catalog.json', () => {
  const handlers = shipped.map((entry) => entry.handler);
  const byHandler = new Map(shipped.map((entry) => [entry.handler, entry]));

  it('holds the 393 documented handlers once each, sorted by code point', () => {
    expect(shipped).toHaveLength(393);
    expect(new Set(handlers).size).toBe(393);
    expect(handlers).toEqual([...handlers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('is 2-space JSON with a trailing newline', () => {
    expect(fileText).toBe(JSON.stringify(shipped, null, 2) + '\n');
  });

  it('has only CatalogEntry fields, and every handler is <prefix>_<event> in handler shape', () => {
    const allowed = new Set(['handler', 'module', 'prefix', 'event', 'deprecated', 'replacement', 'alternateHandlers', 'source']);
    const problems = shipped.flatMap((entry) => [
      ...Object.keys(entry).filter((key) => !allowed.has(key)).map((key) => `${entry.handler}: field ${key}`),
      ...(HANDLER_NAME.test(entry.handler) ? [] : [`${entry.handler}: not handler-shaped`]),
      ...(entry.handler === `${entry.prefix}_${entry.event}` ? [] : [`${entry.handler}: not prefix_event`]),
      ...(entry.alternateHandlers ?? [])
        .filter((alternate) => !HANDLER_NAME.test(alternate) || !alternate.endsWith(`_${entry.event}`))
        .map((alternate) => `${entry.handler}: bad alternate ${alternate}`),
      ...(entry.alternateHandlers?.length === 0 ? [`${entry.handler}: empty alternateHandlers`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('marks deprecation with the doc text, and every replacement is a live catalog handler', () => {
    const problems = shipped.flatMap((entry) => [
      ...(entry.deprecated === false || (typeof entry.deprecated === 'string' && entry.deprecated.trim() !== '')
        ? []
        : [`${entry.handler}: deprecated is ${JSON.stringify(entry.deprecated)}`]),
      ...(entry.replacement !== undefined && entry.deprecated === false ? [`${entry.handler}: replacement of a live handler`] : []),
      ...(entry.replacement !== undefined && byHandler.get(entry.replacement)?.deprecated !== false
        ? [`${entry.handler}: replacement ${entry.replacement} is unknown or deprecated`]
        : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('names the replacement wherever the doc text points to exactly one handler', () => {
    const replacements = shipped
      .filter((entry) => entry.deprecated !== false)
      .map((entry) => [entry.handler, entry.replacement ?? null]);
    expect(replacements).toEqual([
      ['wixBookings_onBookingCanceled', 'wixBookingsV2_onBookingCanceled'],
      ['wixBookings_onBookingConfirmed', 'wixBookingsV2_onBookingConfirmed'],
      ['wixBookings_onBookingDeclined', 'wixBookingsV2_onBookingDeclined'],
      ['wixBookings_onBookingRequestCreated', 'wixBookings_onBookingCreated'],
      // "Use the Bookings V2 Booking Rescheduled, Booking Canceled, and Booking Updated SDK events"
      ['wixBookings_onBookingScheduleUpdated', null],
      ['wixBookings_onBookingUpdated', 'wixBookingsV2_onBookingUpdated'],
      // two Inbox events replace it
      ['wixChat_onMessage', null],
      ['wixCrm_onCardCreated', null],
      ['wixCrm_onCardMoved', null],
      ['wixCrm_onCardRestored', null],
      // → wix-pricing-plans-backend onPlanPurchased, itself deprecated → onOrderPurchased
      ['wixPaidPlans_onPlanPurchased', 'wixPricingPlans_onOrderPurchased'],
      // corvid-types-only: the source marks it superseded by onOrderCycleStarted
      ['wixPricingPlans_onOrderBillingCycleTriggered', 'wixPricingPlans_onOrderCycleStarted'],
      ['wixPricingPlans_onPlanPurchased', 'wixPricingPlans_onOrderPurchased'],
      ['wixStores_onCartAbandoned', 'wixEcom_onAbandonedCheckoutCreated'],
      ['wixStores_onCartCompleted', 'wixEcom_onCheckoutCompleted'],
      ['wixStores_onCartCreated', 'wixEcom_onCartCreated'],
      ['wixStores_onCartRecovered', 'wixEcom_onAbandonedCheckoutRecovered'],
      ['wixStores_onFulfillmentCreated', 'wixEcom_onFulfillmentsUpdated'],
      ['wixStores_onFulfillmentDeleted', 'wixEcom_onFulfillmentsUpdated'],
      ['wixStores_onFulfillmentUpdated', 'wixEcom_onFulfillmentsUpdated'],
      ['wixStores_onNewOrder', 'wixEcom_onOrderApproved'],
      ['wixStores_onOrderCanceled', 'wixEcom_onOrderCanceled'],
      ['wixStores_onOrderPaid', 'wixEcom_onOrderPaymentStatusUpdated'],
      ['wixStores_onOrderRefunded', 'wixEcom_onOrderTransactionsUpdated'],
      ['wixStores_onSubscriptionOptionCreated', null],
      ['wixStores_onSubscriptionOptionDeleted', null],
      ['wixStores_onSubscriptionOptionUpdated', null],
    ]);
  });

  it('keeps a whole entry exactly as built', () => {
    expect(byHandler.get('wixStores_onOrderPaid')).toEqual({
      handler: 'wixStores_onOrderPaid',
      module: 'wix-stores-backend',
      prefix: 'wixStores',
      event: 'onOrderPaid',
      deprecated:
        'Deprecated. This event will continue to work until September 4, 2024, but a newer version is available at `wix-ecom-backend.Events.onOrderPaymentStatusUpdated()`. We recommend you migrate to the new Wix eCommerce APIs as soon as possible.',
      replacement: 'wixEcom_onOrderPaymentStatusUpdated',
      source: 'https://dev.wix.com/docs/velo/apis/wix-stores-backend/events/on-order-paid.md',
    });
  });

  it('does not deprecate a name the newer module documents undeprecated (deprecatedOnlyIn)', () => {
    expect(['wixMembers_onMemberCreated', 'wixMembers_onMemberDeleted', 'wixMembers_onMemberUpdated'].map((h) => byHandler.get(h)?.deprecated)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

const entry = (handler: string, module: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => {
  const underscore = handler.indexOf('_');
  return { handler, module, prefix: handler.slice(0, underscore), event: handler.slice(underscore + 1), deprecated: false, ...extra };
};

describe('createCatalog', () => {
  const small = createCatalog([
    entry('wixEventsV3_onEventCanceled', 'wix-events.v2', { alternateHandlers: ['wixEvents_onEventCanceled'] }),
    entry('wixEvents_onEventCanceled', 'wix-events-backend'),
    entry('wixStoresCatalogV1_onProductCreated', 'wix-stores.v2', { alternateHandlers: ['wixStoresCatalog_onProductCreated'] }),
    entry('wixStores_onProductCreated', 'wix-stores-backend'),
    entry('wixBilling_onInvoicePaid', 'wix-billing-backend'),
  ]);

  it('finds entries by handler and by alternate name; a name with its own entry keeps it', () => {
    expect(small.entryFor('wixStoresCatalog_onProductCreated')?.handler).toBe('wixStoresCatalogV1_onProductCreated');
    expect(small.entryFor('wixEvents_onEventCanceled')?.module).toBe('wix-events-backend');
    expect(small.entryFor('wixEventsV3_onEventCanceled')?.module).toBe('wix-events.v2');
    expect(small.entryFor('wixBilling_onInvoiceSent')).toBeUndefined();
  });

  it('lists names, prefixes (alternates included) and events per prefix, sorted', () => {
    expect(small.handlerNames).toEqual([
      'wixBilling_onInvoicePaid',
      'wixEventsV3_onEventCanceled',
      'wixEvents_onEventCanceled',
      'wixStoresCatalogV1_onProductCreated',
      'wixStoresCatalog_onProductCreated',
      'wixStores_onProductCreated',
    ]);
    expect([...small.prefixes]).toEqual(['wixBilling', 'wixEvents', 'wixEventsV3', 'wixStores', 'wixStoresCatalog', 'wixStoresCatalogV1']);
    expect(small.eventsOf('wixStoresCatalog')).toEqual(['onProductCreated']);
    expect(small.eventsOf('wixNothing')).toEqual([]);
  });

  it('answers which handlers exist for an SDK event name', () => {
    expect(small.entriesForEvent('onProductCreated').map((e) => e.handler)).toEqual([
      'wixStoresCatalogV1_onProductCreated',
      'wixStores_onProductCreated',
    ]);
    expect(builtinCatalog().entriesForEvent('onInvoicePaid').map((e) => e.handler)).toEqual(['wixBilling_onInvoicePaid']);
    expect(small.entriesForEvent('onNothing')).toEqual([]);
  });

  it('lets a later entry with the same handler replace an earlier one (config over built-in)', () => {
    const builtin = builtinCatalog();
    const custom = entry('wixBilling_onInvoicePaid', 'my-billing-fork', { source: 'https://example.test/billing' });
    const merged = createCatalog([...builtin.entries, custom]);
    expect(merged.entries).toHaveLength(393);
    expect(merged.entryFor('wixBilling_onInvoicePaid')).toEqual(custom);
    expect(merged.hash).not.toBe(builtin.hash);
  });

  it('hashes the contents: sha256 hex, independent of input order and key order', () => {
    const entries = builtinCatalog().entries;
    const reordered = [...entries].reverse().map((e) => Object.fromEntries(Object.entries(e).reverse()) as unknown as CatalogEntry);
    expect(builtinCatalog().hash).toMatch(/^[0-9a-f]{64}$/);
    expect(createCatalog(reordered).hash).toBe(builtinCatalog().hash);
    expect(createCatalog(entries.slice(1)).hash).not.toBe(builtinCatalog().hash);
  });

  it('loads the built-in catalog once', () => {
    expect(builtinCatalog()).toBe(builtinCatalog());
    expect(builtinCatalog().entries).toHaveLength(393);
  });
});
