// The site's backend events, run locally through the velo-events harness: the same merged
// dispatch table (site first, then velo-pkg-fixture) the generated dispatcher uses, with
// the default recording stubs for wix-data, wix-fetch and wix-secrets-backend.
const path = require('node:path');
const { loadSite } = require('@velo-events/aggregator/testing');

const WORKSPACE = path.join(__dirname, '..', '..', '..');

const order = {
  entity: {
    _id: 'order-42',
    number: 10042,
    buyerInfo: { contactId: 'contact-7' },
    priceSummary: { subtotal: { amount: 129.5 }, total: { formattedAmount: '€129.50' } },
  },
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
