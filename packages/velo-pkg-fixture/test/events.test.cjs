// The package's own handlers, alone, through the velo-events harness.
const path = require('node:path');
const { loadPackage } = require('@velo-events/aggregator/testing');

const WORKSPACE = path.join(__dirname, '..', '..', '..');

describe('velo-pkg-fixture events', () => {
  let pkg;
  beforeAll(async () => {
    pkg = await loadPackage({ root: WORKSPACE, package: 'velo-pkg-fixture' });
  });

  test('the package handles two events', () => {
    expect(pkg.events).toEqual(['wixEcom_onOrderApproved', 'wixMembers_onMemberCreated']);
  });

  test('an approved order earns one point per 10 currency units of its subtotal', async () => {
    const result = await pkg.emit('wixEcom_onOrderApproved', {
      data: { order: { buyerInfo: { contactId: 'c-1' }, priceSummary: { subtotal: { amount: '99.90' } } } },
    });
    expect(result.handlers.map((h) => [h.label, h.status])).toEqual([['velo-pkg-fixture:wixEcom_onOrderApproved', 'ran']]);
    expect(result.calls).toEqual([{ module: 'wix-data', method: 'insert', args: ['LoyaltyLedger', { contactId: 'c-1', points: 9 }] }]);
  });

  test('an order without a buyer earns nothing', async () => {
    const result = await pkg.emit('wixEcom_onOrderApproved', { data: { order: { priceSummary: { subtotal: { amount: '500.00' } } } } });
    expect(result.ok).toBe(true);
    expect(result.calls).toEqual([]);
  });

  test('a new member gets a 50-point welcome bonus', async () => {
    const result = await pkg.emit('wixMembers_onMemberCreated', { entity: { contactId: 'c-2' } });
    expect(result.calls).toEqual([{ module: 'wix-data', method: 'insert', args: ['LoyaltyLedger', { contactId: 'c-2', points: 50 }] }]);
  });
});
