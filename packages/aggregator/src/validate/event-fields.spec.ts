import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogEntry } from '../model';
import { builtinEventFields, isOpen, type EventFields, type FieldNode } from './event-fields';

const catalogDir = path.join(__dirname, '..', '..', 'catalog');
const file = JSON.parse(readFileSync(path.join(catalogDir, 'event-fields.json'), 'utf8')) as {
  nodes: FieldNode[];
  handlers: Record<string, number>;
};
const types = JSON.parse(readFileSync(path.join(catalogDir, 'event-types.json'), 'utf8')) as { handlers: Record<string, unknown> };
const catalog = JSON.parse(readFileSync(path.join(catalogDir, 'catalog.json'), 'utf8')) as CatalogEntry[];

/** The node at a path of keys below a handler's event (`[]` an array's elements); undefined where there is none. */
function nodeAt(fields: EventFields, handler: string, keys: string[]): FieldNode | undefined {
  let index = fields.rootOf(handler);
  for (const key of keys) {
    if (index === undefined) return undefined;
    const node = fields.node(index);
    index = key === '[]' ? node.i : (node.f?.[key] ?? node.v);
  }
  return index === undefined ? undefined : fields.node(index);
}

const fieldsOf = (node: FieldNode | undefined): string[] => Object.keys(node?.f ?? {});

describe('catalog/event-fields.json (scripts/build-catalog.cjs)', () => {
  it('is a table of nodes that only point into itself, node 0 the open one', () => {
    expect(file.nodes[0]).toEqual({});
    const inRange = (index: number | undefined): boolean => index === undefined || (Number.isInteger(index) && index >= 0 && index < file.nodes.length);
    const problems = file.nodes.flatMap((node, index) => [
      ...Object.keys(node).filter((key) => !['f', 'i', 'v', 'k'].includes(key)).map((key) => `${index}: key ${key}`),
      ...Object.values(node.f ?? {}).filter((child) => !inRange(child)).map((child) => `${index}: field → ${child}`),
      ...(inRange(node.i) && inRange(node.v) ? [] : [`${index}: items or values out of range`]),
      ...(node.k === undefined || /^b?d?n?s?$/.test(node.k) ? [] : [`${index}: kinds ${node.k}`]),
    ]);
    expect(problems).toEqual([]);
    expect(Object.values(file.handlers).filter((root) => !inRange(root))).toEqual([]);
  });

  it('has a tree for every documented handler and every other spelling the catalog gives one', () => {
    const documented = new Set(Object.keys(types.handlers));
    const spellings = catalog.flatMap((entry) => [entry.handler, ...(entry.alternateHandlers ?? [])].map((name) => [name, entry] as const));
    const expected = new Set(documented);
    for (const [name, entry] of spellings) {
      if ([entry.handler, ...(entry.alternateHandlers ?? [])].some((spelling) => documented.has(spelling))) expected.add(name);
    }
    expect(Object.keys(file.handlers).sort()).toEqual([...expected].sort());
  });

  it('holds what the docs show: the envelope, both doc generations, a deletion’s entity, samples; open where the docs are not sure', () => {
    const fields = builtinEventFields();
    expect(fieldsOf(nodeAt(fields, 'wixEcom_onOrderApproved', []))).toEqual(['data', 'metadata']);
    expect(fieldsOf(nodeAt(fields, 'wixStores_onProductUpdated', []))).toEqual(['productId', 'updatedFields']);
    // wix-members-backend's Member and wix-members.v2's.
    expect(fieldsOf(nodeAt(fields, 'wixMembers_onMemberCreated', ['entity']))).toEqual(
      expect.arrayContaining(['contactDetails', 'contact', 'loginEmail', 'profile']),
    );
    expect(fieldsOf(nodeAt(fields, 'wixMembers_onMemberCreated', ['entity', 'profile']))).toEqual(expect.arrayContaining(['profilePhoto', 'photo']));
    // A newer …Deleted event typed { metadata }: its entity is there, open.
    expect(fieldsOf(nodeAt(fields, 'wixReviews_onReviewDeleted', []))).toEqual(['entity', 'metadata']);
    expect(isOpen(nodeAt(fields, 'wixReviews_onReviewDeleted', ['entity'])!)).toBe(true);
    // The forum.v2 payload counts for the wixForum_ spelling; the older forum type's post is open below its top.
    expect(fieldsOf(nodeAt(fields, 'wixForum_onPostCreated', []))).toEqual(['entity', 'metadata', 'post', 'postId']);
    expect(isOpen(nodeAt(fields, 'wixForum_onPostCreated', ['post'])!)).toBe(true);
    // Only the docs' sample has priceSummary.totalPrice: a field, open below.
    expect(fieldsOf(nodeAt(fields, 'wixEcom_onOrderApproved', ['data', 'order', 'priceSummary']))).toContain('totalPrice');
    expect(isOpen(nodeAt(fields, 'wixEcom_onOrderApproved', ['data', 'order', 'priceSummary', 'totalPrice'])!)).toBe(true);
    // An array's elements, dates, primitive kinds.
    expect(fieldsOf(nodeAt(fields, 'wixEcom_onOrderApproved', ['data', 'order', 'lineItems', '[]']))).toContain('productName');
    expect(nodeAt(fields, 'wixCrm_onContactCreated', ['entity', '_createdDate'])).toEqual({ k: 'ds' });
    expect(fields.rootOf('wixNothing_onNothing')).toBeUndefined();
    expect(fields.rootOf('toString')).toBeUndefined();
  });
});
