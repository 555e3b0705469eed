import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * runtime/observe-reads.mjs on its own, in a fresh Node (it is an ES module of the runtime):
 * what it reports, and that an observed event behaves as the plain one in what code does
 * with it. Each case prints `[observed, plain]` or what was reported.
 */
const MODULE = pathToFileURL(path.join(__dirname, '..', 'runtime', 'observe-reads.mjs')).href;

function inNode(body: string): unknown {
  const script = `
    import { observeEvent, withoutProxies } from ${JSON.stringify(MODULE)};
    import { inspect } from 'node:util';
    const reads = [];
    const make = () => ({ data: { order: { _id: 'o-1', when: new Date(0), items: [{ n: 1 }, { n: 2 }], tags: new Set(['a']) } }, metadata: Object.assign(Object.create(null), { id: 'e-1' }) });
    const plain = make();
    const event = observeEvent(make(), (path) => reads.push(path));
    const out = await (async () => { ${body} })();
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('observeEvent', () => {
  it('reports reads of missing keys, as written, and nothing for present keys, probes, symbols or `in`', () => {
    expect(
      inNode(`
        event.data.order._id; event.data.order.items[1].n; event.metadata.id;
        event.entity; event.data.order.items[5]; event.data['odd key']; event.metadata.nope;
        'x' in event; event.then; event.toJSON; event[Symbol.iterator]; await Promise.resolve(event.data);
        return reads;`),
    ).toEqual(['event.entity', 'event.data.order.items[5]', 'event.data["odd key"]', 'event.metadata.nope']);
  });

  it('keeps identity, Dates, Sets, arrays and JSON as they are', () => {
    expect(
      inNode(`
        const o = event.data.order;
        return {
          same: event.data === event.data && o.items === event.data.order.items,
          date: o.when instanceof Date && o.when.getTime() === 0,
          set: o.tags instanceof Set && o.tags.has('a'),
          array: Array.isArray(o.items) && o.items.map((i) => i.n).join() === '1,2' && o.items.length === 2,
          json: JSON.stringify(event) === JSON.stringify(plain),
          keys: JSON.stringify(Object.keys(o)) === JSON.stringify(Object.keys(plain.data.order)),
          spread: JSON.stringify({ ...event }) === JSON.stringify({ ...plain }),
          inspect: inspect(event, { depth: 5 }) === inspect(plain, { depth: 5 }),
          reads,
        };`),
    ).toEqual({ same: true, date: true, set: true, array: true, json: true, keys: true, spread: true, inspect: true, reads: [] });
  });

  it('gives structuredClone real values: of the event, of a spread of it, of Maps, Sets and cycles holding its parts', () => {
    expect(
      inNode(`
        const cycle = { order: event.data.order }; cycle.self = cycle;
        const holders = [event, { ...event }, new Map([['o', event.data.order]]), new Set([event.data]), cycle];
        return holders.map((value) => {
          try {
            const copy = structuredClone(withoutProxies(value));
            return inspect(copy, { depth: 6 }) === inspect(structuredClone(withoutProxies(value)), { depth: 6 }) && copy !== value;
          } catch (error) {
            return error.name;
          }
        }).concat([(() => { try { structuredClone(event); return 'cloned'; } catch (error) { return error.name; } })()]);`),
    ).toEqual([true, true, true, true, true, 'DataCloneError']);
  });

  it('takes what a handler writes into the event, defines on it or freezes in it as the plain event does', () => {
    const body = (target: string): string => `
        const e = ${target};
        e.data.copy = e.data.order;
        Object.defineProperty(e.data, 'again', { value: e.metadata, enumerable: true });
        Object.freeze(e.data.order.items);
        return [
          structuredClone(withoutProxies(e)).data.copy._id,
          JSON.stringify(e.data.again),
          e.data.again === e.data.again,
          Object.isFrozen(e.data.order.items),
          e.data.order.items[0].n,
          (() => { 'use strict'; try { e.data.order.items.push(3); return 'pushed'; } catch (error) { return error.name; } })(),
          reads,
        ];`;
    const observed = inNode(body('event'));
    expect(observed).toEqual(['o-1', '{"id":"e-1"}', true, true, 1, 'TypeError', []]);
    expect(inNode(body('plain'))).toEqual(observed);
  });
});
