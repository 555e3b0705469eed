import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { compareCodePoints } from '../base/compare-code-points';
import { escapePointerToken } from '../base/escape-pointer-token';
import type { EventType, EventTypes, SchemaNode } from './event-types';

/** One way a payload differs from the documented type; `pointer` is RFC 6901 into the payload. */
export interface PayloadWarning {
  pointer: string;
  message: string;
}

/** How far a field name may be from a documented one to be called a misspelling of it. */
const MAX_TYPO_DISTANCE = 2;

/**
 * Checks a payload against the handler's documented type (JSON Schema 2020-12, ajv): each
 * field the type does not have (with the documented name it is nearest to), each value of the
 * wrong type, and, for a `newer` type, each missing required field. A field the docs do not
 * list is a warning, never an error: the docs are not exhaustive. `older` types mark nearly
 * every field required, so a missing one there is not worth a warning. Dates may be `Date`s
 * or ISO strings. Sorted by pointer, then message.
 */
export function checkPayload(types: EventTypes, type: EventType, payload: unknown): PayloadWarning[] {
  const validate = validatorFor(types, type);
  // As JSON: a Date becomes its ISO string, which is what `date-time` describes.
  const json = payload === undefined ? undefined : (JSON.parse(JSON.stringify(payload)) as unknown);
  if (validate(json)) return [];
  const warnings = (validate.errors ?? []).flatMap(describeError);
  const unique = new Map(warnings.map((w) => [`${w.pointer}\0${w.message}`, w]));
  return [...unique.values()].sort((a, b) => compareCodePoints(a.pointer, b.pointer) || compareCodePoints(a.message, b.message));
}

export function formatPayloadWarning({ pointer, message }: PayloadWarning): string {
  return `${pointer === '' ? '(the event)' : pointer}: ${message}`;
}

function describeError(error: ErrorObject): PayloadWarning[] {
  const at = error.instancePath;
  const typeName = (error.parentSchema as SchemaNode & { title?: string } | undefined)?.title;
  const ofType = typeName ? ` of ${typeName}` : '';
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string }).additionalProperty;
      const documented = Object.keys((error.parentSchema as SchemaNode | undefined)?.properties ?? {});
      const nearest = documented.length > 0 ? closest(field, documented) : null;
      const hint =
        nearest !== null && distance(field.toLowerCase(), nearest.toLowerCase()) <= MAX_TYPO_DISTANCE ? `; did you mean \`${nearest}\`?` : '';
      return [{ pointer: `${at}/${escapePointerToken(field)}`, message: `not a documented field${ofType}${hint}` }];
    }
    case 'type':
      return [{ pointer: at, message: `expected ${(error.params as { type: string }).type}, got ${jsonType(error.data)}` }];
    case 'required': {
      const field = (error.params as { missingProperty: string }).missingProperty;
      return [{ pointer: `${at}/${escapePointerToken(field)}`, message: `missing; the documented type${ofType} requires it` }];
    }
    case 'format':
      return [{ pointer: at, message: `expected a date-time (ISO 8601, like 2026-01-15T10:30:00.000Z), got ${JSON.stringify(error.data)}` }];
    default:
      return [{ pointer: at, message: error.message ?? error.keyword }];
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `a ${typeof value} (${String(value)})`;
}

const TYPES_ID = { newer: 'https://velo-events.dev/types/newer.json', older: 'https://velo-events.dev/types/older.json' } as const;
let ajv: import('ajv').default | undefined;
const validators = new Map<string, ValidateFunction>();

/**
 * One ajv for both doc generations; each handler's validator compiled on first use. The
 * checked copy of the types closes every object (a field the docs lack is reported) and, for
 * `older` types, drops `required`; the shipped data stays as documented.
 */
function validatorFor(types: EventTypes, type: EventType): ValidateFunction {
  const key = `${type.docsGeneration}\0${type.schema.$ref ?? ''}`;
  let validate = validators.get(key);
  if (validate) return validate;
  if (ajv === undefined) {
    // Loaded here: only runs with a payload to check load ajv's 2020-12 build.
    const Ajv2020 = (require('ajv/dist/2020') as { default: typeof import('ajv').default }).default;
    ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
    for (const generation of ['newer', 'older'] as const) {
      ajv.addSchema({ $id: TYPES_ID[generation], $defs: checkedDefs(types.defs, generation === 'newer') });
    }
  }
  const ref = (type.schema.$ref ?? '').replace('#/$defs/', `${TYPES_ID[type.docsGeneration]}#/$defs/`);
  validate = ajv.compile({ $ref: ref });
  validators.set(key, validate);
  return validate;
}

function checkedDefs(defs: Readonly<Record<string, SchemaNode>>, keepRequired: boolean): Record<string, unknown> {
  const close = (node: SchemaNode): Record<string, unknown> => {
    const { properties, items, additionalProperties, required, 'x-oneOfGroups': _groups, ...rest } = node;
    const copy: Record<string, unknown> = { ...rest };
    if (properties) copy['properties'] = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, close(child)]));
    if (items) copy['items'] = close(items);
    if (required && keepRequired) copy['required'] = required;
    if (typeof additionalProperties === 'object') copy['additionalProperties'] = close(additionalProperties);
    else if (additionalProperties !== undefined) copy['additionalProperties'] = additionalProperties;
    else if (node.type === 'object') copy['additionalProperties'] = false;
    return copy;
  };
  return Object.fromEntries(Object.entries(defs).map(([key, def]) => [key, { ...close(def), title: key.slice(key.lastIndexOf('.') + 1) }]));
}
