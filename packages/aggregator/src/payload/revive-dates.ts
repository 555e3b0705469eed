import type { EventTypes, SchemaNode } from './event-types';

/**
 * The event as the runtime hands it to a handler: where the documented type says a field is
 * a `date-time`, a string there becomes a `Date` (shared/velo/FACTS.md §g), in samples and
 * in user payloads alike. Everything else is left as it is, unknown fields included. Returns
 * a new value; the input is not changed.
 */
export function reviveDates(types: EventTypes, schema: SchemaNode, value: unknown): unknown {
  return revive(types, schema, value, []);
}

function revive(types: EventTypes, node: SchemaNode, value: unknown, refs: readonly string[]): unknown {
  if (node.$ref !== undefined) {
    if (refs.filter((ref) => ref === node.$ref).length > 8) return value; // deep recursive data: leave the rest
    return revive(types, types.resolve(node), value, [...refs, node.$ref]);
  }
  if (node.anyOf) {
    // The alternative whose kind the value has (arrays of media or of videos), else none.
    const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    const fits = node.anyOf.find((option) => (types.resolve(option).type ?? 'object') === kind);
    return fits ? revive(types, fits, value, refs) : value;
  }
  if (node.format === 'date-time' && typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  if (node.type === 'array' && Array.isArray(value) && node.items) {
    const items = node.items;
    return value.map((item) => revive(types, items, item, refs));
  }
  if (node.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const properties = node.properties ?? {};
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        Object.prototype.hasOwnProperty.call(properties, key) ? revive(types, properties[key]!, child, refs) : child,
      ]),
    );
  }
  return value;
}
