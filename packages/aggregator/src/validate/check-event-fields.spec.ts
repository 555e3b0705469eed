import type { EventRead } from '../analyze/module-facts';
import type { Finding } from '../model';
import { checkEventFields } from './check-event-fields';
import { createEventFields } from './event-fields';

/**
 * A small hand-made tree: `wixShop_onOrderPaid` is `{ data: { order }, metadata }`, the order
 * has an `_id`, a `createdAt` date, `lines` (an array of `{ sku, qty }`), `tags` (a map of
 * strings) and `extra` (open); `wixShop_onItemMoved` is older and flat; `wixShop_onTagAdded` is
 * `{ entity, metadata }`.
 */
const FIELDS = createEventFields({
  nodes: [
    {}, // 0: open
    { f: { data: 2, metadata: 3 } }, // 1: wixShop_onOrderPaid
    { f: { order: 4 } }, // 2: data
    { f: { entityId: 5, id: 5 } }, // 3: metadata
    { f: { _id: 5, createdAt: 6, extra: 0, lines: 7, tags: 9, total: 10 } }, // 4: order
    { k: 's' }, // 5
    { k: 'ds' }, // 6: a date-time
    { i: 8 }, // 7: lines
    { f: { qty: 10, sku: 5 } }, // 8: a line
    { v: 5 }, // 9: tags
    { k: 'n' }, // 10
    { f: { itemId: 5, item: 12, movedTo: 5 } }, // 11: wixShop_onItemMoved
    { f: { name: 5 } }, // 12
    { f: { entity: 14, metadata: 3 } }, // 13: wixShop_onTagAdded
    { f: { _id: 5, tag: 5 } }, // 14
  ],
  handlers: { wixShop_onOrderPaid: 1, wixShop_onItemMoved: 11, wixShop_onTagAdded: 13 },
});

/** A read with its keys in columns 1, 2, 3, … of `line`; without one, `check` puts each read on a line of its own. */
function read(path: string, rescuers?: string[], line = 0): EventRead {
  const keys = path.split('.');
  return {
    keys,
    at: keys.flatMap((_, index) => [line, index + 1]),
    ...(rescuers ? { rescuers: rescuers.map((rescuer) => (rescuer === '' ? [] : rescuer.split('.'))) } : {}),
  };
}

/** The reads, the n-th on line n (a read placed already keeps its place). */
function check(handler: string, ...reads: EventRead[]): Finding[] {
  const placed = reads.map((r, index) => (r.at[0] === 0 ? { ...r, at: r.at.map((value, i) => (i % 2 === 0 ? index + 1 : value)) } : r));
  return checkEventFields(handler, placed, 'backend/events.js', FIELDS);
}

function at(line: number, column: number, message: string, suggestion?: string): Finding {
  return { code: 'event-field', file: 'backend/events.js', line, column, message, ...(suggestion ? { suggestion } : {}) };
}

describe('checkEventFields', () => {
  it('reports the first key the docs lack, with the shape at that level and the nearest name', () => {
    expect(check('wixShop_onOrderPaid', read('data.order.totl.x'), read('data.order.lines.[].skus'))).toEqual([
      at(1, 3, "`event.data.order.totl`: wixShop_onOrderPaid's event.data.order is { _id, createdAt, extra, lines, tags, total }; did you mean `total`?", 'total'),
      at(2, 5, "`event.data.order.lines[].skus`: wixShop_onOrderPaid's event.data.order.lines[] is { qty, sku }; did you mean `sku`?", 'sku'),
    ]);
  });

  it('says nothing below an open node, a map, an element or computed key where no array is documented', () => {
    expect(
      check(
        'wixShop_onOrderPaid',
        read('data.order.extra.anything.at.all'),
        read('data.order.tags.anyKey'),
        read('data.order.lines.*.qty'),
        read('data.order.[].x'),
        read('data.order.*.x'),
      ),
    ).toEqual([]);
  });

  it('takes the methods of strings, numbers, dates and arrays, and those of every object, for no field', () => {
    expect(
      check(
        'wixShop_onOrderPaid',
        read('data.order._id.slice'),
        read('data.order.total.toFixed'),
        read('data.order.createdAt.getTime'),
        read('data.order.createdAt.length'),
        read('data.order.lines.length'),
        read('data.order.lines.map'),
        read('data.hasOwnProperty'),
      ),
    ).toEqual([]);
    expect(check('wixShop_onOrderPaid', read('data.order.total.length'), read('data.order.lines.sku'))).toEqual([
      at(1, 4, "`event.data.order.total.length`: wixShop_onOrderPaid's event.data.order.total is a number"),
      at(2, 4, "`event.data.order.lines.sku`: wixShop_onOrderPaid's event.data.order.lines is an array; did you mean `event.data.order.lines[].sku` (an element's `sku`)?"),
    ]);
  });

  it("a documented operand of the read's `||` chain makes it good; after an alias, the other read through the same key does", () => {
    expect(
      check(
        'wixShop_onOrderPaid',
        read('entity', ['data.order']),
        read('entity', ['']),
        read('entity._id', ['data.order._id']),
        read('entity.nope', ['data.order.nope']),
        read('data.order.nope', ['entity.nope']),
      ),
    ).toEqual([at(5, 3, "`event.data.order.nope`: wixShop_onOrderPaid's event.data.order is { _id, createdAt, extra, lines, tags, total }")]);
    expect(check('wixShop_onOrderPaid', read('entity', ['entty']))).toEqual([
      at(1, 1, "`event.entity`: wixShop_onOrderPaid's event is { data, metadata }; the order is `event.data.order`"),
    ]);
  });

  it('through an alias of `a || b`, a key one operand has is good where the other lacks it, and one place gets one finding', () => {
    // const o = event.data.order || event;   (line 1)
    // o.lines[0].skux;                       (line 2)
    const viaOrder = { keys: ['data', 'order', 'lines', '[]', 'skux'], at: [1, 17, 1, 22, 2, 3, 2, 8, 2, 12], rescuers: [['lines', '[]', 'skux']] };
    const viaEvent = { keys: ['lines', '[]', 'skux'], at: [2, 3, 2, 8, 2, 12], rescuers: [['data', 'order', 'lines', '[]', 'skux']] };
    const skux = at(2, 12, "`event.data.order.lines[].skux`: wixShop_onOrderPaid's event.data.order.lines[] is { qty, sku }; did you mean `sku`?", 'sku');
    expect(check('wixShop_onOrderPaid', viaEvent, viaOrder)).toEqual([skux]);
    expect(check('wixShop_onOrderPaid', viaOrder, viaEvent)).toEqual([skux]);
    // const o = event.data.order || event.data;   o.nope   (both lack it: the deeper path speaks)
    const inOrder = { keys: ['data', 'order', 'nope'], at: [1, 17, 1, 22, 2, 3], rescuers: [['data', 'nope']] };
    const inData = { keys: ['data', 'nope'], at: [1, 40, 2, 3], rescuers: [['data', 'order', 'nope']] };
    const nope = at(2, 3, "`event.data.order.nope`: wixShop_onOrderPaid's event.data.order is { _id, createdAt, extra, lines, tags, total }");
    expect(check('wixShop_onOrderPaid', inData, inOrder)).toEqual([nope]);
    expect(check('wixShop_onOrderPaid', inOrder, inData)).toEqual([nope]);
    // Each operand wrong at a place of its own: both are reported (event.entity || event.order).
    expect(check('wixShop_onOrderPaid', read('entity', ['order']), read('order', ['entity']))).toEqual([
      at(1, 1, "`event.entity`: wixShop_onOrderPaid's event is { data, metadata }; the order is `event.data.order`"),
      at(2, 1, "`event.order`: wixShop_onOrderPaid's event is { data, metadata }; did you mean `event.data.order`?"),
    ]);
  });

  it('reports one read and place once, and nothing for a handler the docs give no type', () => {
    expect(check('wixShop_onOrderPaid', read('entity', undefined, 1), read('entity.x', undefined, 1), read('entity.y', undefined, 1))).toEqual([
      at(1, 1, "`event.entity`: wixShop_onOrderPaid's event is { data, metadata }; the order is `event.data.order`"),
    ]);
    expect(check('wixShop_onUnknown', read('entity'))).toEqual([]);
  });

  it('points an envelope of another generation, or a field one level off, to where the docs have it', () => {
    expect(check('wixShop_onItemMoved', read('entity._id'), read('data.name'), read('name'), read('metadata.entityId'))).toEqual([
      at(1, 1, "`event.entity`: wixShop_onItemMoved's event is { item, itemId, movedTo }; the item is `event.item`"),
      at(2, 1, "`event.data`: wixShop_onItemMoved's event is { item, itemId, movedTo }; the item is `event.item`"),
      at(3, 1, "`event.name`: wixShop_onItemMoved's event is { item, itemId, movedTo }; did you mean `event.item.name`?"),
      at(4, 1, "`event.metadata`: wixShop_onItemMoved's event is { item, itemId, movedTo }"),
    ]);
    expect(check('wixShop_onOrderPaid', read('entity.id'), read('order'), read('data.nme'))).toEqual([
      at(1, 1, "`event.entity`: wixShop_onOrderPaid's event is { data, metadata }; the order is `event.data.order`"),
      at(2, 1, "`event.order`: wixShop_onOrderPaid's event is { data, metadata }; did you mean `event.data.order`?"),
      at(3, 2, "`event.data.nme`: wixShop_onOrderPaid's event.data is { order }"),
    ]);
  });

  it("points an `id` to the thing's `_id`, and a field of a level above to that level", () => {
    expect(check('wixShop_onOrderPaid', read('id'), read('data.order.lines.[].entityId'), read('data.order.lines.[].metadata'))).toEqual([
      at(1, 1, "`event.id`: wixShop_onOrderPaid's event is { data, metadata }; did you mean `event.data.order._id`?"),
      at(2, 5, "`event.data.order.lines[].entityId`: wixShop_onOrderPaid's event.data.order.lines[] is { qty, sku }"),
      at(3, 5, "`event.data.order.lines[].metadata`: wixShop_onOrderPaid's event.data.order.lines[] is { qty, sku }; did you mean `event.metadata`?"),
    ]);
    expect(check('wixShop_onOrderPaid', read('data.order.lines.[].total'))).toEqual([
      at(1, 5, "`event.data.order.lines[].total`: wixShop_onOrderPaid's event.data.order.lines[] is { qty, sku }; did you mean `event.data.order.total`?"),
    ]);
  });

  it('names the very key a level or two below before a different name at the level read, but not before the same name spelled otherwise', () => {
    expect(check('wixShop_onTagAdded', read('entityId'), read('Entity'), read('entity.id'))).toEqual([
      at(1, 1, "`event.entityId`: wixShop_onTagAdded's event is { entity, metadata }; did you mean `event.metadata.entityId`?"),
      at(2, 1, "`event.Entity`: wixShop_onTagAdded's event is { entity, metadata }; did you mean `entity`?", 'entity'),
      at(3, 2, "`event.entity.id`: wixShop_onTagAdded's event.entity is { _id, tag }; did you mean `_id`?", '_id'),
    ]);
  });

  it('gives a suggestion only where one name is nearest; several as near are all named', () => {
    expect(check('wixShop_onOrderPaid', read('metadata.xd'), read('metadata.Id'))).toEqual([
      at(1, 2, "`event.metadata.xd`: wixShop_onOrderPaid's event.metadata is { entityId, id }"),
      at(2, 2, "`event.metadata.Id`: wixShop_onOrderPaid's event.metadata is { entityId, id }; did you mean `id`?", 'id'),
    ]);
  });
});
