import type { EventRead } from '../analyze/module-facts';
import { compareCodePoints } from '../base/compare-code-points';
import type { Finding } from '../model';
import { isBuiltinMember } from './builtin-members';
import { nearest, plausible } from './check-export-name';
import { isOpen, type EventFields, type FieldNode } from './event-fields';

/** How many documented names a message lists for one level before it says how many more. */
const LISTED_FIELDS = 8;

/** Where a read first leaves what the docs document: the index of that key and the node above it. */
interface Undocumented {
  index: number;
  parent: number;
}

/**
 * The `event-field` findings of one handler (shared/SPEC.md §4): each read of its `event`
 * (analyze/event-reads/) that no documented type of `handler` has, reported once per
 * (path, position) at the first key the docs lack. A read the docs leave open, a method of a
 * string, array, number or date, and a read another operand of its `||` chain makes good are
 * not findings. `file` is where the handler's function is written.
 */
export function checkEventFields(handler: string, reads: readonly EventRead[], file: string, fields: EventFields): Finding[] {
  const root = fields.rootOf(handler);
  if (root === undefined || reads.length === 0) return [];
  const findings: Finding[] = [];
  // Made on the first finding: most handlers read only documented fields. Per place, the
  // finding there and how many keys its path has.
  let reported: Map<string, { index: number; depth: number }> | null = null;
  for (const read of reads) {
    const missing = firstUndocumented(read.keys, root, fields);
    if (missing === null) continue;
    if (isRescued(read, missing, root, fields)) continue;
    const keys = read.keys.slice(0, missing.index + 1);
    const line = read.at[2 * missing.index]!;
    const column = read.at[2 * missing.index + 1]!;
    // One place in the code is one key read. Where every operand of the `||` chain an alias
    // stands for lacks it (`const o = event.entity || event; o.total`), the one finding is
    // the deepest path's, which tells the most about where the handler went wrong.
    const place = `${line}:${column}`;
    reported ??= new Map();
    const earlier = reported.get(place);
    if (earlier !== undefined && earlier.depth >= keys.length) continue;
    const { message, suggestion } = describeOnce(handler, keys, read.keys[missing.index + 1], missing.parent, root, fields);
    const finding: Finding = suggestion === undefined ? { code: 'event-field', file, line, column, message } : { code: 'event-field', file, line, column, message, suggestion };
    if (earlier !== undefined) {
      findings[earlier.index] = finding;
      earlier.depth = keys.length;
    } else {
      reported.set(place, { index: findings.length, depth: keys.length });
      findings.push(finding);
    }
  }
  return findings;
}

const described = new WeakMap<EventFields, Map<string, { message: string; suggestion?: string }>>();

/** `describe`, once per handler and read: the same mistake recurs across a workspace's packages. */
function describeOnce(
  handler: string,
  keys: readonly string[],
  next: string | undefined,
  parent: number,
  root: number,
  fields: EventFields,
): { message: string; suggestion?: string } {
  let memo = described.get(fields);
  if (memo === undefined) described.set(fields, (memo = new Map()));
  const identity = `${handler}\u0000${next ?? ''}\u0000${keys.join('\u0000')}`;
  let description = memo.get(identity);
  if (description === undefined) memo.set(identity, (description = describe(handler, keys, next === undefined ? [] : [next], parent, root, fields)));
  return description;
}

/** The first key of `keys` the docs lack below `root`; null when every key is documented or the docs stop judging. */
function firstUndocumented(keys: readonly string[], root: number, fields: EventFields): Undocumented | null {
  let current = root;
  for (let index = 0; index < keys.length; index += 1) {
    const node = fields.node(current);
    if (isOpen(node)) return null;
    const key = keys[index]!;
    const next = childOf(node, key);
    if (next !== undefined) {
      current = next;
      continue;
    }
    // An element or computed key where no array or map is documented: not judged.
    if (key === '[]' || key === '*') return null;
    // A method is not a field; what it returns is not the event's.
    if (isBuiltinMember(key, node)) return null;
    return { index, parent: current };
  }
  return null;
}

/**
 * Whether another operand of the read's `||` chain makes it good. Operands an alias extends
 * (`const o = event.entity || event.data.order; o.total`) share the keys after them: a key
 * missing in the read's own operand (`entity`) is made good by the other operand alone
 * (`data.order`); a key missing after them by the other read through that same key
 * (`o.lines[0].sku`, missing `lines` in one, is good where the other has `lines`). Where the
 * other read then lacks a deeper key, that read is reported there, so one finding remains.
 */
function isRescued(read: EventRead, missing: Undocumented, root: number, fields: EventFields): boolean {
  for (const rescuer of read.rescuers ?? []) {
    const shared = sharedTail(read.keys, rescuer);
    const own = read.keys.length - shared;
    const rescuerOwn = rescuer.length - shared;
    const through = missing.index < own ? rescuerOwn : rescuerOwn + (missing.index - own) + 1;
    if (firstUndocumented(rescuer.slice(0, through), root, fields) === null) return true;
  }
  return false;
}

function sharedTail(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[a.length - 1 - shared] === b[b.length - 1 - shared]) shared += 1;
  return shared;
}

function childOf(node: FieldNode, key: string): number | undefined {
  if (key === '[]') return node.i;
  if (key === '*') return node.i ?? node.v;
  if (node.f !== undefined && Object.prototype.hasOwnProperty.call(node.f, key)) return node.f[key];
  return node.v;
}

function describe(
  handler: string,
  keys: readonly string[],
  rest: readonly string[],
  parent: number,
  root: number,
  fields: EventFields,
): { message: string; suggestion?: string } {
  const key = keys[keys.length - 1]!;
  const above = keys.slice(0, -1);
  const node = fields.node(parent);
  const level = `${handler}'s ${pathText(above)} ${shapeOf(node)}`;
  const read = `\`${pathText(keys)}\``;

  const names = fieldNames(node);
  const near = names.length > 0 ? nearestNames(key, names) : [];
  // The very name one level or two below beats a different name here (`event.entityId` is
  // `event.metadata.entityId`, not `event.entity`), but not the same name spelled otherwise.
  const below = near.length > 0 && !near.some((name) => sameSpelling(name, key)) ? uniqueDescendant(key, parent, fields) : null;
  if (near.length > 0 && below === null) {
    const options = near.map((name) => `\`${name}\``).join(' or ');
    return { message: `${read}: ${level}; did you mean ${options}?`, ...(near.length === 1 ? { suggestion: near[0]! } : {}) };
  }
  const moved = above.length === 0 && below === null ? envelopeFix(handler, key, rest, root, fields) : null;
  if (moved !== null) return { message: `${read}: ${level}; ${moved}` };
  // An `id` is most often the thing's `_id` (FACTS §g), not the event's `metadata.id`.
  const deeper = below ?? (key === 'id' ? uniqueDescendant('_id', parent, fields) : null) ?? uniqueDescendant(key, parent, fields);
  if (deeper !== null) return { message: `${read}: ${level}; did you mean \`${pathText([...above, ...deeper])}\`?` };
  if (node.i !== undefined && node.f === undefined) {
    const element = fields.node(node.i);
    if (childOf(element, key) !== undefined) return { message: `${read}: ${level}; did you mean \`${pathText([...above, '[]', key])}\` (an element's \`${key}\`)?` };
  }
  const higher = ancestorField(key, above, root, fields);
  if (higher !== null) return { message: `${read}: ${level}; did you mean \`${pathText(higher)}\`?` };
  return { message: `${read}: ${level}` };
}

/** Whether two names differ only in case and a leading `_` (`contactID`, `contactId`; `id`, `_id`). */
function sameSpelling(a: string, b: string): boolean {
  return a.replace(/^_/, '').toLowerCase() === b.replace(/^_/, '').toLowerCase();
}

/** `key` where a level above has it, the nearest first (`event.payment.status` → `event.status`); null when none does. */
function ancestorField(key: string, above: readonly string[], root: number, fields: EventFields): string[] | null {
  const nodes = [root];
  for (const step of above.slice(0, -1)) {
    const next = childOf(fields.node(nodes[nodes.length - 1]!), step);
    if (next === undefined) break;
    nodes.push(next);
  }
  for (let depth = nodes.length - 1; depth >= 0; depth -= 1) {
    const { f } = fields.node(nodes[depth]!);
    if (f !== undefined && Object.prototype.hasOwnProperty.call(f, key)) return [...above.slice(0, depth), key];
  }
  return null;
}

/**
 * `entity` on an action event (`{ data, metadata }`), `data` on a created/updated one, or
 * either on an older flat event: where the thing they name is (FACTS.md §g, "the whole shape
 * of another generation").
 */
function envelopeFix(handler: string, key: string, rest: readonly string[], root: number, fields: EventFields): string | null {
  if (key !== 'entity' && key !== 'data') return null;
  const top = fields.node(root);
  const nouns = nounsOf(handler);
  const has = (node: FieldNode, name: string): boolean => node.f !== undefined && Object.prototype.hasOwnProperty.call(node.f, name);
  const noun = nouns[0] ?? 'entity';
  if (key === 'entity' && has(top, 'data')) {
    const data = fields.node(top.f!['data']!);
    const named = nouns.find((candidate) => has(data, candidate));
    if (named !== undefined) return `the ${named} is \`event.data.${named}\``;
    return `what happened is in \`event.data\` (${shapeOf(data).replace(/^is /, '')})`;
  }
  if (key === 'data' && has(top, 'entity')) return `the ${noun} is \`event.entity\``;
  const named = nouns.find((candidate) => has(top, candidate));
  if (named !== undefined) return `the ${named} is \`event.${named}\``;
  const id = nouns.map((candidate) => `${candidate}Id`).find((candidate) => has(top, candidate));
  if (id !== undefined && (rest[0] === '_id' || rest[0] === 'id')) return `the ${id.slice(0, -2)}'s ID is \`event.${id}\``;
  return null;
}

/** `wixEcom_onOrderApproved` → `order`; `wixSocialGroups_onGroupMemberAdded` → `groupMember`, `group`. */
function nounsOf(handler: string): string[] {
  const event = handler.slice(handler.indexOf('_on') + 3);
  const words = event.match(/[A-Z][a-z0-9]*/g) ?? [];
  const nouns: string[] = [];
  for (let count = Math.max(1, words.length - 1); count >= 1; count -= 1) {
    const joined = words.slice(0, count).join('');
    nouns.push(joined.charAt(0).toLowerCase() + joined.slice(1));
  }
  return nouns;
}

/** The path to the one shallowest field named `key` within two levels below `from`, if there is exactly one. */
function uniqueDescendant(key: string, from: number, fields: EventFields): string[] | null {
  let level: { node: number; path: string[] }[] = [{ node: from, path: [] }];
  for (let depth = 0; depth < 2; depth += 1) {
    const next: { node: number; path: string[] }[] = [];
    const found: string[][] = [];
    for (const { node, path } of level) {
      const { f } = fields.node(node);
      if (f === undefined) continue;
      for (const name of Object.keys(f).sort(compareCodePoints)) {
        const childPath = [...path, name];
        const child = fields.node(f[name]!);
        if (child.f !== undefined && Object.prototype.hasOwnProperty.call(child.f, key)) found.push([...childPath, key]);
        next.push({ node: f[name]!, path: childPath });
      }
    }
    if (found.length === 1) return found[0]!;
    if (found.length > 1) return null;
    level = next;
  }
  return null;
}

const namesMemo = new WeakMap<FieldNode, string[]>();

/** A node's documented field names, sorted (one array per node: `nearest` memoizes on it). */
function fieldNames(node: FieldNode): string[] {
  let names = namesMemo.get(node);
  if (names === undefined) namesMemo.set(node, (names = Object.keys(node.f ?? {}).sort(compareCodePoints)));
  return names;
}

/** The documented names close enough to `key` to be a slip of it: the nearest, and any as near. */
function nearestNames(key: string, names: readonly string[]): string[] {
  const best = nearest(key, names);
  if (best === undefined || plausible(best, key) === undefined) return [];
  // A name that differs by more than case alone from a two-letter key is no slip of it (`id` vs `ip`).
  if (key.length <= 2 && best.caseInsensitive > 0 && best.name.replace(/^_/, '') !== key) return [];
  const { distance } = require('fastest-levenshtein') as typeof import('fastest-levenshtein');
  const lower = key.toLowerCase();
  return names.filter(
    (name) => name === best.name || (distance(key, name) === best.caseSensitive && distance(lower, name.toLowerCase()) === best.caseInsensitive),
  );
}

/** `event.data.order.lineItems[].name`, the way the handler's read would be written. */
function pathText(keys: readonly string[]): string {
  let text = 'event';
  for (const key of keys) {
    if (key === '[]') text += '[]';
    else if (key === '*') text += '[…]';
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

/** "is { a, b, … }", "is a string", "is an array": what the docs say is there. */
function shapeOf(node: FieldNode): string {
  const parts: string[] = [];
  const names = fieldNames(node);
  if (names.length > 0) {
    const listed = names.slice(0, LISTED_FIELDS).join(', ');
    parts.push(names.length > LISTED_FIELDS ? `{ ${listed}, … (${names.length - LISTED_FIELDS} more) }` : `{ ${listed} }`);
  }
  if (node.i !== undefined) parts.push('an array');
  const kinds = node.k ?? '';
  if (kinds.includes('d')) parts.push('a date');
  else if (kinds.includes('s')) parts.push('a string');
  if (kinds.includes('n')) parts.push('a number');
  if (kinds.includes('b')) parts.push('a boolean');
  return `is ${parts.join(' or ')}`;
}
