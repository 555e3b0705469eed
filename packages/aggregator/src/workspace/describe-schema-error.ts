import type { ErrorObject } from 'ajv';
import { compareCodePoints } from '../base/compare-code-points';
import { escapePointerToken } from '../base/escape-pointer-token';

/**
 * Turns the error ajv reports for a config file into one human sentence that starts with
 * the JSON pointer of the offending value: `/rules/handler-arity: expected one of error,
 * warning, info, off; got "fatal"`. What is expected comes from the `description` of the
 * failing schema node, so the schema (which editors show on hover) and the messages say
 * the same thing.
 */
export function describeSchemaError(error: ErrorObject): string {
  const at = (pointer: string): string => (pointer === '' ? '' : `${pointer}: `);
  const params: Record<string, unknown> = error.params;

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      // Config keys under /rules are diagnostic codes; calling them rules matches the docs.
      const noun = error.instancePath === '/rules' ? 'rule' : 'key';
      const allowed = Object.keys(objectOrEmpty(error.parentSchema?.['properties']))
        .sort(compareCodePoints)
        .join(', ');
      const pointer = `${error.instancePath}/${escapePointerToken(key)}`;
      return `${at(pointer)}unknown ${noun}; expected one of ${allowed}`;
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      return `${at(error.instancePath)}missing key "${missing}"; expected ${expectation(error)}`;
    }
    case 'uniqueItems': {
      const [first, second] = [Number(params['j']), Number(params['i'])].sort((a, b) => a - b);
      const items = Array.isArray(error.data) ? (error.data as unknown[]) : [];
      const repeated = describeValue(items[second ?? 0]);
      return `${at(`${error.instancePath}/${second}`)}${repeated} is listed twice (also at ${error.instancePath}/${first})`;
    }
    default:
      return `${at(error.instancePath)}expected ${expectation(error)}; got ${describeValue(error.data)}`;
  }
}

function expectation(error: ErrorObject): string {
  const description: unknown = error.parentSchema?.['description'];
  // Every node of our schema has a description; ajv's own wording is the fallback.
  return typeof description === 'string' ? description : (error.message ?? 'a valid value');
}

/** A short rendering of a JSON value for "got …". */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  return String(value);
}

function objectOrEmpty(value: unknown): object {
  return typeof value === 'object' && value !== null ? value : {};
}
