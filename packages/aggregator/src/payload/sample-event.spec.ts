import Ajv2020 from 'ajv/dist/2020';
import { eventTypes } from './event-types';
import { checkPayload } from './check-payload';
import { sampleEvent } from './sample-event';

describe('sampleEvent', () => {
  const types = eventTypes();

  it('knows the 392 documented handlers, and the one without a documented type', () => {
    expect(types.handlers).toHaveLength(392);
    expect(types.undocumented).toEqual(['wixPricingPlans_onOrderBillingCycleTriggered']);
    expect(sampleEvent(types, 'wixPricingPlans_onOrderBillingCycleTriggered')).toBeNull();
  });

  it('gives every handler a sample that validates against its own documented schema, and nothing the type lacks', () => {
    // The schemas as shipped: ajv with the date-time format, required as documented.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
    ajv.addSchema({ $id: 'https://example.com/types.json', $defs: types.defs });
    const failures: string[] = [];
    const extraFields: string[] = [];
    for (const handler of types.handlers) {
      const type = types.typeOf(handler)!;
      const sample = sampleEvent(types, handler);
      const validate = ajv.compile({ $ref: type.schema.$ref!.replace('#', 'https://example.com/types.json#') });
      if (!validate(sample)) failures.push(`${handler}: ${ajv.errorsText(validate.errors)}`);
      // The product's own check closes every object: a sample never holds an undocumented field.
      for (const warning of checkPayload(types, type, sample)) extraFields.push(`${handler} ${warning.pointer}: ${warning.message}`);
    }
    expect(failures).toEqual([]);
    expect(extraFields).toEqual([]);
  });

  it('is the same bytes on every run', () => {
    const once = types.handlers.map((handler) => JSON.stringify(sampleEvent(types, handler)));
    const again = types.handlers.map((handler) => JSON.stringify(sampleEvent(types, handler)));
    expect(again).toEqual(once);
  });

  it('fills values by kind: ids, dates, emails, currencies, amounts; arrays of one item', () => {
    const invoice = sampleEvent(types, 'wixBilling_onInvoicePaid') as Record<string, unknown>;
    expect(invoice['currency']).toBe('USD');
    expect(invoice['dates']).toEqual({ issueDate: '2026-01-15T10:30:00.000Z', dueDate: '2026-01-15T10:30:00.000Z' });
    expect((invoice['lineItems'] as unknown[]).length).toBe(1);
    const member = sampleEvent(types, 'wixMembers_onMemberCreated') as { entity: Record<string, unknown>; metadata: Record<string, unknown> };
    expect(Object.keys(member).sort()).toEqual(['entity', 'metadata']);
    expect(member.entity['_id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(member.entity['loginEmail']).toBe('jane.doe@example.com');
  });
});
