import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../base/package-layout';

/** A JSON Schema node of the documented payload types (structure only; shared/velo/event-types.json). */
export interface SchemaNode {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  /** One field whose documented type has alternatives (wix-stores-backend media items). */
  anyOf?: SchemaNode[];
  additionalProperties?: boolean | SchemaNode;
  format?: string;
  readOnly?: boolean;
  'x-oneOfGroups'?: { name: string; members: string[] }[];
}

export interface EventType {
  handler: string;
  module: string;
  /** The documented name of the payload's type. */
  payloadType: string;
  /**
   * `newer` types mark optional members consistently; `older` ones rarely mark any, so their
   * `required` lists nearly every field and is weak evidence (shared/velo/event-types.json).
   */
  docsGeneration: 'newer' | 'older';
  /** A `$ref` into `defs`. */
  schema: SchemaNode;
}

export interface EventTypes {
  /** The documented type of a handler's event; null when the docs give none. */
  typeOf(handler: string): EventType | null;
  /** Every handler with a documented type, sorted. */
  handlers: readonly string[];
  /** Handlers the catalog lists whose docs give no type. */
  undocumented: readonly string[];
  /** The shared definitions `$ref`s point into (`#/$defs/<key>`). */
  defs: Readonly<Record<string, SchemaNode>>;
  /** The node a `$ref` names. */
  resolve(node: SchemaNode): SchemaNode;
}

interface EventTypesFile {
  handlers: Record<string, Omit<EventType, 'handler'>>;
  undocumented: string[];
  $defs: Record<string, SchemaNode>;
}

let loaded: EventTypes | undefined;

/**
 * catalog/event-types.json (built by scripts/build-event-types.cjs), loaded once, and only by
 * the commands that run events (trigger, sample, the Jest harness): check never reads it.
 */
export function eventTypes(): EventTypes {
  if (loaded === undefined) {
    const file = path.join(PACKAGE_ROOT, 'catalog', 'event-types.json');
    loaded = createEventTypes(JSON.parse(readFileSync(file, 'utf8')) as EventTypesFile);
  }
  return loaded;
}

function createEventTypes(file: EventTypesFile): EventTypes {
  const resolve = (node: SchemaNode): SchemaNode => {
    let current = node;
    // A chain of refs ends: every key names a definition with content (checked by the spec).
    for (let hops = 0; current.$ref !== undefined && hops < 64; hops += 1) {
      const target = file.$defs[current.$ref.slice('#/$defs/'.length)];
      if (target === undefined) throw new Error(`event types: no definition for ${current.$ref}`);
      current = target;
    }
    return current;
  };
  return {
    typeOf: (handler) => {
      const entry = Object.prototype.hasOwnProperty.call(file.handlers, handler) ? file.handlers[handler] : undefined;
      return entry ? { handler, ...entry } : null;
    },
    handlers: Object.keys(file.handlers),
    undocumented: file.undocumented,
    defs: file.$defs,
    resolve,
  };
}
