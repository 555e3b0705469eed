'use strict';
/**
 * The "known fields" of every documented event, for the `event-field` check
 * (src/validate/event-fields.ts reads the result, catalog/event-fields.json): one compact
 * tree per handler name, the union of everything the docs show for that name.
 *
 * - `schema` and `alternates` of shared/velo/event-types.json (the doc generations disagree,
 *   FACTS.md §g: a read that either documents is a documented read);
 * - the types of the names the catalog lists as the same handler's other spelling
 *   (`alternateHandlers`, FACTS.md §0: the forum.v2 pages export `wixForum_…` with the v2 payload);
 * - the keys of the docs' full-event samples, shared/velo/event-samples.json (structure only:
 *   where the type and the sample disagree, the sample is what a site received);
 * - `entity` on a newer `…Deleted` event typed `{ metadata }` (FACTS.md §g: the runtime sets it
 *   when the deletion carries the entity), left open.
 *
 * Trust, so that a read is flagged only where the docs are sure:
 * - a newer (v2, generated from the API's own types) type is trusted at every level;
 * - an older `wix-*-backend` type is trusted at its top level only (the envelope); below it,
 *   only where a docs sample shows the same object (type and sample agree on its keys). Those
 *   hand-written types list fewer fields than a site receives (EVENT-SAMPLES.md: most of the
 *   sample keys the types lack are in older types);
 * - an object only a sample shows is one example of it, not its type: open.
 * An untrusted node is written as open: nothing below it is ever flagged.
 *
 * Output: `nodes` (index 0 is the open node) and `handlers` (name → node index). A node is
 * `{ f?: { key: index }, i?: index, v?: index, k?: kinds }`: documented fields, array
 * elements, the values of a map (`additionalProperties`) and primitive kinds (`s` string,
 * `n` number, `b` boolean, `d` a date: `date-time` strings arrive as `Date`s, FACTS.md §g).
 */

const OPEN = 0;

const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** A node while building. `typed`: a trusted type says so; `weak`: an older type below its top; `seen`: a sample shows it. */
function node() {
  return { fields: new Map(), items: null, values: null, kinds: new Set(), open: false, unknown: false, typed: false, weak: false, seen: false };
}

/** A sample's `null` or `{}`: a value was there, its shape is not known. Neutral in a merge, open alone. */
function unknownNode() {
  return { ...node(), unknown: true };
}

function openNode() {
  return { ...node(), open: true, typed: true };
}

/**
 * @param {{ handlers: Record<string, any>, $defs: Record<string, any> }} eventTypes shared/velo/event-types.json
 * @param {{ handlers: Record<string, { keys: any }> }} eventSamples shared/velo/event-samples.json
 * @param {{ handler: string, alternateHandlers?: string[] }[]} catalogEntries catalog/catalog.json
 */
function buildEventFields(eventTypes, eventSamples, catalogEntries) {
  const defs = eventTypes.$defs;
  const memo = new Map();

  /** A JSON Schema node → a build node; `weak` below the top of an older type. */
  function fromSchema(schema, weak) {
    if (schema.$ref !== undefined) {
      const key = `${schema.$ref}|${weak}`;
      const known = memo.get(key);
      if (known) return known;
      // A JSON Pointer token: `~1` is `/` (`wix-media-backend/v2.…`), `~0` is `~`.
      const target = defs[schema.$ref.slice('#/$defs/'.length).replace(/~1/g, '/').replace(/~0/g, '~')];
      if (target === undefined) return openNode();
      const made = node();
      memo.set(key, made);
      fill(made, target, weak);
      return made;
    }
    const made = node();
    fill(made, schema, weak);
    return made;
  }

  function fill(made, schema, weak) {
    made.typed = !weak;
    made.weak = weak;
    const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
    if (alternatives) {
      Object.assign(made, alternatives.map((alternative) => fromSchema(alternative, weak)).reduce(merge));
      return;
    }
    switch (schema.type) {
      case 'string':
        made.kinds.add('s');
        if (schema.format === 'date-time') made.kinds.add('d');
        return;
      case 'number':
      case 'integer':
        made.kinds.add('n');
        return;
      case 'boolean':
        made.kinds.add('b');
        return;
      case 'array':
        made.items = schema.items ? fromSchema(schema.items, weak) : openNode();
        return;
      case 'object': {
        const properties = Object.entries(schema.properties ?? {});
        const additional = schema.additionalProperties;
        for (const [key, child] of properties) made.fields.set(key, fromSchema(child, weak));
        if (additional !== undefined && additional !== false) {
          made.values = additional === true ? openNode() : fromSchema(additional, weak);
        }
        // An object the docs list no fields of is open (`{ type: 'object' }`).
        if (properties.length === 0 && made.values === null) made.open = true;
        return;
      }
      default:
        // `{}`: no type at all.
        made.open = true;
    }
  }

  /** A sample's key tree (values dropped; `[]` holds an array's merged elements). */
  function fromSample(keys) {
    if (keys === null || typeof keys !== 'object' || Object.keys(keys).length === 0) return unknownNode();
    const made = node();
    made.seen = true;
    for (const [key, child] of Object.entries(keys)) {
      if (key === '[]') made.items = fromSample(child);
      else made.fields.set(key, fromSample(child));
    }
    return made;
  }

  const merged = new Map();
  const ids = new WeakMap();
  let nextId = 0;
  const idOf = (n) => {
    if (!ids.has(n)) ids.set(n, nextId++);
    return ids.get(n);
  };

  /** The union of two nodes (memoized: types are recursive graphs). */
  function merge(a, b) {
    if (a === b) return a;
    if (a.unknown) return b;
    if (b.unknown) return a;
    const key = `${idOf(a)},${idOf(b)}`;
    const known = merged.get(key);
    if (known) return known;
    const made = node();
    merged.set(key, made);
    for (const [k, child] of a.fields) made.fields.set(k, b.fields.has(k) ? merge(child, b.fields.get(k)) : child);
    for (const [k, child] of b.fields) if (!a.fields.has(k)) made.fields.set(k, child);
    made.items = a.items && b.items ? merge(a.items, b.items) : (a.items ?? b.items);
    made.values = a.values && b.values ? merge(a.values, b.values) : (a.values ?? b.values);
    made.kinds = new Set([...a.kinds, ...b.kinds]);
    made.open = a.open || b.open;
    made.typed = a.typed || b.typed;
    made.weak = a.weak || b.weak;
    made.seen = a.seen || b.seen;
    return made;
  }

  /** One documented payload (a `schema` or an alternate's) of `handler`. */
  function payloadTree(handler, payload) {
    const older = payload.docsGeneration === 'older';
    const root = fromSchema(payload.schema, older);
    // The top of an older type is trusted: its envelope is what the docs are surest of.
    const top = older ? { ...root, typed: true, weak: false } : root;
    if (!older && /Deleted$/.test(handler) && !top.fields.has('entity')) {
      const fields = new Map(top.fields);
      fields.set('entity', openNode());
      return { ...top, fields };
    }
    return top;
  }

  const typeTrees = new Map();
  for (const [handler, entry] of Object.entries(eventTypes.handlers)) {
    const payloads = [entry, ...(entry.alternates ?? [])];
    typeTrees.set(handler, payloads.map((payload) => payloadTree(handler, payload)).reduce(merge));
  }

  // The spellings of one handler (catalog alternateHandlers) share every payload documented for any of them.
  const spellings = new Map();
  const link = (a, b) => {
    const group = new Set([...(spellings.get(a) ?? [a]), ...(spellings.get(b) ?? [b])]);
    for (const name of group) spellings.set(name, group);
  };
  for (const entry of catalogEntries) for (const alternate of entry.alternateHandlers ?? []) link(entry.handler, alternate);

  const roots = new Map();
  const names = new Set([...typeTrees.keys(), ...spellings.keys()]);
  for (const name of names) {
    const group = [...(spellings.get(name) ?? [name])].sort(byCodePoint);
    const trees = group.filter((spelling) => typeTrees.has(spelling)).map((spelling) => typeTrees.get(spelling));
    if (trees.length === 0) continue;
    let tree = trees.reduce(merge);
    for (const spelling of group) {
      const sample = eventSamples.handlers[spelling];
      if (sample) tree = merge(tree, fromSample(sample.keys));
    }
    roots.set(name, tree);
  }

  return serialize(roots);
}

/** The build nodes → the table of output nodes, each distinct content once. */
function serialize(roots) {
  const trusted = (n) => !n.unknown && !n.open && (n.typed || (n.weak && n.seen));
  const nodes = [{}];
  const indexOf = new Map();
  const byContent = new Map([['{}', OPEN]]);

  // Post-order with cycle detection: a node on the current path gets its index first
  // (content filled later); such nodes are not shared by content.
  const onPath = new Set();
  function visit(n) {
    if (!trusted(n)) return OPEN;
    const done = indexOf.get(n);
    if (done !== undefined) return done;
    if (onPath.has(n)) {
      const index = nodes.length;
      nodes.push(null);
      indexOf.set(n, index);
      return index;
    }
    onPath.add(n);
    const out = {};
    if (n.fields.size > 0) {
      out.f = {};
      for (const key of [...n.fields.keys()].sort(byCodePoint)) out.f[key] = visit(n.fields.get(key));
    }
    if (n.items) out.i = visit(n.items);
    if (n.values) out.v = visit(n.values);
    if (n.kinds.size > 0) out.k = [...n.kinds].sort().join('');
    onPath.delete(n);
    const early = indexOf.get(n);
    if (early !== undefined) {
      nodes[early] = out;
      return early;
    }
    const content = JSON.stringify(out);
    const shared = byContent.get(content);
    if (shared !== undefined) {
      indexOf.set(n, shared);
      return shared;
    }
    const index = nodes.length;
    nodes.push(out);
    byContent.set(content, index);
    indexOf.set(n, index);
    return index;
  }

  const handlers = {};
  for (const name of [...roots.keys()].sort(byCodePoint)) handlers[name] = visit(roots.get(name));
  return { nodes, handlers };
}

module.exports = { buildEventFields };
