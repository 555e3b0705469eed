// The site's backend events, run locally through the velo-events harness: the same merged
// dispatch table (site first, then velo-pkg-fixture) the generated dispatcher uses, with
// the default recording stubs for wix-data, wix-fetch and wix-secrets-backend.
const path = require('node:path');
const { loadSite } = require('@velo-events/aggregator/testing');

const WORKSPACE = path.join(__dirname, '..', '..', '..');

// An approved order as Velo delivers it: `{ data: { order }, metadata }` (the documented type).
const order = {
  data: {
    order: {
      _id: 'order-42',
      number: '10042',
      buyerInfo: { contactId: 'contact-7' },
      priceSummary: { subtotal: { amount: '129.50' }, total: { formattedAmount: '€129.50' } },
    },
  },
  metadata: { id: 'evt-1', entityId: 'order-42', eventTime: '2026-03-01T12:00:00.000Z', triggeredByAnonymizeRequest: false },
};

describe('site-fixture events', () => {
  let site;
  beforeAll(async () => {
    site = await loadSite({ root: WORKSPACE, site: 'site-fixture' });
  });

  test('the site handles six events', () => {
    expect(site.events).toEqual([
      'wixBilling_onInvoicePaid',
      'wixBookings_onBookingCreated',
      'wixCrm_onContactCreated',
      'wixEcom_onOrderApproved',
      'wixForms_onSubmissionCreated',
      'wixMembers_onMemberCreated',
    ]);
  });

  test('an approved order is audited and announced by the site, then earns loyalty points in the package', async () => {
    const result = await site.emit('wixEcom_onOrderApproved', order);
    // The payload is what the docs describe: nothing to warn about.
    expect(result.payload).toEqual({ source: 'given', warnings: [] });
    expect(result.handlers.map((h) => [h.label, h.status])).toEqual([
      ['site-fixture:wixEcom_onOrderApproved', 'ran'],
      ['velo-pkg-fixture:wixEcom_onOrderApproved', 'ran'],
    ]);
    const calls = result.calls.map(({ module, method, args }) => [module, method, args]);
    expect(calls).toEqual([
      ['wix-data', 'insert', ['OrderAudit', { orderId: 'order-42', approvedAt: expect.any(String) }]],
      ['wix-secrets-backend', 'getSecret', ['opsWebhookUrl']],
      [
        'wix-fetch',
        'fetch',
        [
          'stub-secret:opsWebhookUrl',
          {
            method: 'post',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: 'Order #10042 approved — €129.50' }),
          },
        ],
      ],
      ['wix-data', 'insert', ['LoyaltyLedger', { contactId: 'contact-7', points: 12 }]],
    ]);
  });

  test('without a payload, an approved order runs with a sample made from the documented type', async () => {
    const result = await site.emit('wixEcom_onOrderApproved');
    expect(result.payload).toEqual({ source: 'sample', warnings: [] });
    expect(result.handlers.map((h) => [h.label, h.status])).toEqual([
      ['site-fixture:wixEcom_onOrderApproved', 'ran'],
      ['velo-pkg-fixture:wixEcom_onOrderApproved', 'ran'],
    ]);
    // A sample is a starting point to change in a test: a fresh copy each time.
    const sample = site.sampleEvent('wixEcom_onOrderApproved');
    sample.data.order.buyerInfo.contactId = 'contact-9';
    const changed = await site.emit('wixEcom_onOrderApproved', sample);
    expect(changed.calls.at(-1)).toEqual({ module: 'wix-data', method: 'insert', args: ['LoyaltyLedger', { contactId: 'contact-9', points: 1 }] });
  });

  test('a paid invoice is logged by its id (v1 payload, no entity)', async () => {
    const result = await site.emit('wixBilling_onInvoicePaid', { id: 'inv-9' });
    expect(result.ok).toBe(true);
    expect(result.calls).toEqual([{ module: 'wix-data', method: 'insert', args: ['InvoiceLog', { invoiceId: 'inv-9', status: 'paid' }] }]);
  });

  test('a booking without a service id is ignored, one with it bumps the service count', async () => {
    expect((await site.emit('wixBookings_onBookingCreated', { entity: {} })).calls).toEqual([]);
    const booked = await site.emit('wixBookings_onBookingCreated', {
      entity: { bookedEntity: { slot: { serviceId: 'svc-1' } } },
    });
    expect(booked.calls).toEqual([
      { module: 'wix-data', method: 'get', args: ['ServiceStats', 'svc-1'] },
      { module: 'wix-data', method: 'save', args: ['ServiceStats', { _id: 'svc-1', bookings: 1 }] },
    ]);
  });

  test('a handler that reads a missing field fails alone and is named in the result', async () => {
    const result = await site.emit('wixMembers_onMemberCreated', {});
    expect(result.handlers.map((h) => [h.label, h.status, h.error && h.error.name, h.error && h.error.location])).toEqual([
      ['site-fixture:wixMembers_onMemberCreated', 'failed', 'TypeError', 'packages/site-fixture/src/backend/events.js:20:11'],
      ['velo-pkg-fixture:wixMembers_onMemberCreated', 'ran', undefined, undefined],
    ]);
    expect(result.ok).toBe(false);
  });
});
