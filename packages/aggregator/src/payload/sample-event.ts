import { createHash } from 'node:crypto';
import { escapePointerToken } from '../base/escape-pointer-token';
import type { EventTypes, SchemaNode } from './event-types';

/** Every sample's timestamps: a fixed instant, so a sample is the same bytes on every run. */
const SAMPLE_TIME = '2026-01-15T10:30:00.000Z';

/**
 * A sample `event` for a handler, made from its documented type: every required and every
 * documented optional field (one member of each one-of group), arrays of one item, and a
 * placeholder of the right kind for each value (ids, dates, emails, currencies, URLs,
 * amounts), nothing the type does not have. Deterministic: no randomness, ids derived from
 * the field's path. JSON-shaped (dates as ISO strings); the runner turns `date-time` fields
 * into `Date`s as the runtime does. null when the docs give no type.
 *
 * Written here rather than with json-schema-faker: its values are random unless seeded,
 * and what it makes of a field is by type alone; a Velo developer reads these samples, so
 * `currency: "USD"` and `email: "jane.doe@example.com"` matter more than coverage of
 * JSON Schema keywords these types never use (they hold only type, properties, items,
 * required, format and readOnly).
 */
export function sampleEvent(types: EventTypes, handler: string): unknown {
  const type = types.typeOf(handler);
  if (type === null) return null;
  return sampleOf(types, type.schema, '', '', [], true);
}

/** `key`: the field the value is for (an array's items are for the array's field). */
function sampleOf(types: EventTypes, node: SchemaNode, pointer: string, key: string, refs: readonly string[], required: boolean): unknown {
  if (node.$ref !== undefined) {
    // A recursive type (a rich-text node holding nodes) ends after one level.
    if (refs.includes(node.$ref)) return required ? emptyOf(types.resolve(node)) : undefined;
    return sampleOf(types, types.resolve(node), pointer, key, [...refs, node.$ref], required);
  }
  // Of alternatives, the first: a sample shows one documented shape.
  if (node.anyOf && node.anyOf.length > 0) return sampleOf(types, node.anyOf[0]!, pointer, key, refs, required);
  switch (node.type) {
    case 'object':
      return objectSample(types, node, pointer, refs);
    case 'array': {
      if (node.items === undefined) return [];
      const item = sampleOf(types, node.items, `${pointer}/0`, key, refs, true);
      return item === undefined ? [] : [item];
    }
    case 'string':
      return stringFor(key, node.format, pointer);
    case 'number':
      return numberFor(key);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function objectSample(types: EventTypes, node: SchemaNode, pointer: string, refs: readonly string[]): Record<string, unknown> {
  const required = new Set(node.required ?? []);
  // Of a one-of group only the first member is set, unless the type requires others.
  const skipped = new Set(
    (node['x-oneOfGroups'] ?? []).flatMap((group) => group.members.slice(1).filter((member) => !required.has(member))),
  );
  const sample: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (skipped.has(key)) continue;
    const value = sampleOf(types, child, `${pointer}/${escapePointerToken(key)}`, key, refs, required.has(key));
    if (value !== undefined) sample[key] = value;
  }
  return sample;
}

function emptyOf(node: SchemaNode): unknown {
  if (node.type === 'array') return [];
  if (node.type === 'object') return {};
  return null;
}

/** A placeholder a reader recognizes, by the field's documented format or name. */
function stringFor(key: string, format: string | undefined, pointer: string): string {
  const name = key.toLowerCase();
  if (format === 'date-time' || /(date|time)$/.test(name)) return SAMPLE_TIME;
  if (key === '_id' || key === 'id' || /(Id|_id)$/.test(key)) return idFor(pointer);
  if (name.includes('email')) return 'jane.doe@example.com';
  if (name.includes('currency')) return 'USD';
  if (/(url|uri|link|href)$/.test(name)) return `https://example.com/${name}`;
  if (name.includes('phone')) return '+1-555-0100';
  if (name === 'country' || name.endsWith('countrycode')) return 'US';
  if (name.includes('locale') || name.includes('language')) return 'en';
  if (name === 'firstname' || name === 'first') return 'Jane';
  if (name === 'lastname' || name === 'last') return 'Doe';
  if (name.startsWith('formatted')) return '$10.00';
  if (/(amount|price|total|subtotal|tax|balance|fee|cost|value)$/.test(name)) return '10.00';
  if (name === 'number') return '10001';
  if (name === 'city') return 'Springfield';
  if (name.includes('zip') || name.includes('postal')) return '12345';
  if (name === 'status' || name.endsWith('status')) return 'ACTIVE';
  return `sample ${key}`;
}

/** Amounts 10, everything else (quantities, counts, versions, indexes) 1. */
function numberFor(key: string): number {
  return /(amount|price|total|subtotal|tax|balance|fee|cost|value)$/.test(key.toLowerCase()) ? 10 : 1;
}

/** A UUID-shaped id that depends only on where the field is: the same sample on every run. */
function idFor(pointer: string): string {
  const hex = createHash('sha256').update(pointer).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
