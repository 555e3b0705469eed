import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../base/package-layout';

/**
 * One level of a documented event: what a handler may read there (catalog/event-fields.json,
 * built by scripts/event-field-tree.cjs from the docs' types and samples). A node with none of
 * these is open: the docs leave it so, or are not sure of it, and nothing below it is judged.
 */
export interface FieldNode {
  /** Documented fields → their nodes. */
  f?: Readonly<Record<string, number>>;
  /** The elements, when the value may be an array. */
  i?: number;
  /** Any key's value, for a map (`additionalProperties`). */
  v?: number;
  /** Primitive kinds the value may have: `s` string, `n` number, `b` boolean, `d` a `Date`. */
  k?: string;
}

/** The known fields of every documented event, by handler name (alternate spellings included). */
export interface EventFields {
  /** The node of a handler's whole `event`; undefined when the docs give it no type. */
  rootOf(handler: string): number | undefined;
  node(index: number): FieldNode;
}

interface EventFieldsFile {
  nodes: FieldNode[];
  handlers: Record<string, number>;
}

export function createEventFields(file: EventFieldsFile): EventFields {
  return {
    rootOf: (handler) => (Object.prototype.hasOwnProperty.call(file.handlers, handler) ? file.handlers[handler] : undefined),
    node: (index) => file.nodes[index] ?? {},
  };
}

export function isOpen(node: FieldNode): boolean {
  return node.f === undefined && node.i === undefined && node.v === undefined && node.k === undefined;
}

let builtin: EventFields | undefined;

/**
 * catalog/event-fields.json, loaded once when a handler's reads are first judged: ~120 KB,
 * where the payload types themselves (catalog/event-types.json, payload/) are ~1 MB and need
 * a schema compiler. The file is generated and shape-checked by event-fields.spec.ts.
 */
export function builtinEventFields(): EventFields {
  if (builtin === undefined) {
    const file = path.join(PACKAGE_ROOT, 'catalog', 'event-fields.json');
    builtin = createEventFields(JSON.parse(readFileSync(file, 'utf8')) as EventFieldsFile);
  }
  return builtin;
}
