import fc from 'fast-check';
import { analyzeModule, analyzeModuleSyntax } from '../analyze-module';
import type { EventRead, ModuleFacts } from '../module-facts';
import { locatedReadsOfFunction, readsOfFunction } from './reads-of-function';

/** One read as `key@line:column key@line:column … ‖ rescuer | rescuer`. */
function describeRead({ keys, at, rescuers }: EventRead): string {
  const placed = keys.map((key, index) => `${key}@${at[2 * index]}:${at[2 * index + 1]}`).join(' ');
  return rescuers ? `${placed} ‖ ${rescuers.map((path) => path.join('.')).join(' | ')}` : placed;
}

function readsByExport(facts: ModuleFacts): Record<string, string[] | undefined> {
  return Object.fromEntries(
    facts.exports.map((e) => [e.name, e.value.kind === 'function' ? e.value.eventReads?.map(describeRead) : undefined]),
  );
}

/** The reads of the module's one handler `wixA_onB`, from the outline's parse (as `check` makes them). */
function reads(body: string, params = 'event'): string[] | undefined {
  return readsByExport(analyzeModule('events.js', `export function wixA_onB(${params}) {\n${body}\n}\n`))['wixA_onB'];
}

describe('readsOfFunction: what a handler reads of its event', () => {
  it('member chains, optional chains, string-literal and numeric indexes; a computed key is `*`', () => {
    expect(reads("a(event.data.order._id, event?.entity?.info, event['metadata'].id);\nb(event.data.items[0].sku, event.data[key].x);")).toEqual([
      'data@2:9 order@2:14 _id@2:20',
      'entity@2:32 info@2:40',
      'metadata@2:52 id@2:64',
      'data@3:9 items@3:14 []@3:20 sku@3:23',
      'data@3:34 *@3:39 x@3:44',
    ]);
  });

  it('only the outermost member of a chain is a read; a method is read like a field', () => {
    expect(reads('return event.data.order.lineItems.map(String).length;')).toEqual(['data@2:14 order@2:19 lineItems@2:25 map@2:35']);
  });

  it('destructuring in a declaration: nested, renamed, with defaults; a rest element is not followed', () => {
    expect(reads('const { data: { order: o = {} } = {}, metadata: { id }, ...rest } = event;\nuse(o.number, id, rest.entity);')).toEqual([
      'data@2:9',
      'data@2:9 order@2:17',
      'metadata@2:39',
      'metadata@2:39 id@2:51',
      'data@2:9 order@2:17 number@3:7',
    ]);
  });

  it('destructuring in the parameter, with a default', () => {
    expect(reads('use(entity._id, metadata);', '{ entity = {}, metadata }')).toEqual(['entity@1:28', 'metadata@1:41', 'entity@1:28 _id@2:12']);
  });

  it('an alias: a const, a let or var never assigned again; not one assigned again, nor a var declared twice', () => {
    expect(
      reads(
        'const order = event.data.order;\nlet buyer = order.buyer;\nvar items = order.lineItems;\nlet moved = event.data;\nmoved = {};\nvar twice = event.entity;\nvar twice = 1;\nuse(buyer.email, items[0].sku, moved.x, twice.y);',
      ),
    ).toEqual([
      'data@2:21 order@2:26',
      'data@2:21 order@2:26 buyer@3:19',
      'data@2:21 order@2:26 lineItems@4:19',
      'data@5:19',
      'entity@7:19',
      'data@2:21 order@2:26 buyer@3:19 email@9:11',
      'data@2:21 order@2:26 lineItems@4:19 []@9:24 sku@9:27',
    ]);
  });

  it('`||` and `??`: each operand is rescued by the others, and so is what an alias of the chain reads', () => {
    expect(reads('const o = event.entity || event.data.order;\nuse(event.entity ?? event, o._id);')).toEqual([
      'entity@2:17 ‖ data.order',
      'data@2:33 order@2:38 ‖ entity',
      'entity@3:11 ‖ ',
      'entity@2:17 _id@3:30 ‖ data.order._id',
      'data@2:33 order@2:38 _id@3:30 ‖ entity._id',
    ]);
  });

  it('a conditional and `&&`: the test is rescued with what it guards', () => {
    expect(reads('use(event.entity ? event.entity._id : event.data.order._id, (event.a && event.a.b) || event.c);')).toEqual([
      'entity@2:11 ‖ entity._id | data.order._id',
      'entity@2:26 _id@2:33 ‖ data.order._id',
      'data@2:45 order@2:50 _id@2:56 ‖ entity._id',
      'a@2:68 ‖ c',
      'a@2:79 b@2:81 ‖ c',
      'c@2:93 ‖ a.b',
    ]);
  });

  it('array elements: `for … of` (destructured too), the callbacks of forEach, map and reduce, a loop index', () => {
    expect(
      reads(
        'for (const item of event.data.items) use(item.sku);\nfor (const { price } of event.data.items) use(price);\nevent.data.items.forEach(({ quantity }) => quantity);\nevent.data.items.reduce((sum, line) => sum + line.total, 0);\nfor (let i = 0; i < event.data.items.length; i++) use(event.data.items[i].name);',
      ),
    ).toEqual([
      'data@2:26 items@2:31',
      'data@2:26 items@2:31 []@2:20 sku@2:47',
      'data@3:31 items@3:36',
      'data@3:31 items@3:36 []@3:25 price@3:14',
      'data@4:7 items@4:12 forEach@4:18',
      'data@4:7 items@4:12 []@4:18 quantity@4:29',
      'data@5:7 items@5:12 reduce@5:18',
      'data@5:7 items@5:12 []@5:18 total@5:51',
      'data@6:27 items@6:32 length@6:38',
      'data@6:61 items@6:66 *@6:72 name@6:75',
    ]);
  });

  it('a function inside the handler sees the event; a parameter, a declaration, a catch or a function of that name hides it', () => {
    expect(
      reads(
        'const later = () => event.entity.a;\nitems.map((event) => event.b);\nfunction inner() { const event = {}; return event.c; }\ntry {} catch (event) { event.d; }\nfunction event2() { return event.e; }\n{ function event() {} event.f; }',
      ),
    ).toEqual(['entity@2:27 a@2:34', 'e@6:34']);
  });

  it('where the reading stops: passed on, spread, a call result; nothing when the parameter is assigned again', () => {
    expect(reads('save(event);\nsave(event.data);\nconst copy = { ...event };\nuse(copy.x, load(event).y);')).toEqual(['data@3:12']);
    expect(reads('event = normalize(event);\nuse(event.x);')).toEqual([]);
    expect(reads('var event;\nuse(event.x);')).toEqual([]);
  });

  it('fields the handler writes are its own: assigned, updated, deleted or given by Object.assign', () => {
    expect(
      reads('event.note = 1;\nevent.count++;\nevent.data.total += 2;\ndelete event.gone;\nObject.assign(event.entity, {});\nuse(event.note.length, event.count, event.data.total, event.gone, event.entity.extra, event.kept);'),
    ).toEqual(['data@4:7', 'kept@7:93']);
  });

  it('reads inside templates, regular expressions, classes, object methods and labels are found where they are', () => {
    expect(
      reads(
        'const re = /}{`/g, half = 1 / 2;\nuse(`${event.a} and ${`${event.b}`}`);\nconst o = { get x() { return event.c; }, [event.d]: 1 };\nclass K { f = event.e; m() { return event.f; } }\nlabel: for (;;) { use(event.g); break label; }',
      ),
    ).toEqual(['a@3:14', 'b@3:32', 'c@4:36', 'd@4:49', 'e@5:21', 'f@5:43', 'g@6:29']);
  });

  it('every form of handler export: a declaration, an arrow, a local function exported under an alias or through a const', () => {
    const facts = analyzeModule(
      'events.js',
      [
        'export const wixA_onArrow = async (e) => e.data.x;',
        'export const wixA_onExpression = function (event = {}) { return event.y; };',
        'function local({ entity }) { return entity.z; }',
        'export { local as wixA_onAlias };',
        'export const wixA_onConst = local;',
        'export function helper(event) { return event.w; }',
      ].join('\n'),
    );
    expect(readsByExport(facts)).toEqual({
      wixA_onArrow: ['data@1:44 x@1:49'],
      wixA_onExpression: ['y@2:71'],
      wixA_onAlias: ['entity@3:18', 'entity@3:18 z@3:44'],
      wixA_onConst: ['entity@3:18', 'entity@3:18 z@3:44'],
      helper: undefined,
    });
  });

  it('gives the same reads from the outline as from the whole text, and none for a function it cannot read', () => {
    const text = 'export function wixA_onB(event) {\n  const { data } = event;\n  for (const x of data.items) use(x.a, `${event.b}`);\n}\n';
    expect(readsByExport(analyzeModuleSyntax('events.js', text, { outline: false }).facts)).toEqual(readsByExport(analyzeModule('events.js', text)));
    expect(reads('use(ev\\u0065nt.data);')).toEqual([]);
  });
});

describe('a function exported under a name that is not a handler’s', () => {
  const HELPERS = 'export function handleOrder(event) {\n  return event.entity._id;\n}\nexport const noArguments = () => 1;\nexport const track = async (e) =>\r\n  e.data;\n';

  it('is not read by analysis; its facts say where its text is, for a function with a parameter', () => {
    const facts = analyzeModule('orders.js', HELPERS);
    expect(facts.exports.map((e) => [e.name, e.value.kind === 'function' ? [e.value.eventReads, e.value.readRange] : null])).toEqual([
      ['handleOrder', [undefined, [HELPERS.indexOf('(event)'), HELPERS.indexOf('}') + 1]]],
      ['noArguments', [undefined, undefined]],
      ['track', [undefined, [HELPERS.indexOf('async (e)'), HELPERS.length - 2]]],
    ]);
  });

  it('is read from that range when asked, with lines and columns as analysis gives them (CR LF too)', () => {
    const facts = analyzeModule('orders.js', HELPERS);
    const located = facts.exports.flatMap((e) =>
      e.value.kind === 'function' && e.value.readRange ? [locatedReadsOfFunction(HELPERS, ...e.value.readRange).map(describeRead)] : [],
    );
    expect(located).toEqual([['entity@2:16 _id@2:23'], ['data@6:5']]);
    // The same reads analysis gives the function under a handler name.
    expect(readsByExport(analyzeModule('events.js', HELPERS.replace('handleOrder', 'wixA_onB')))['wixA_onB']).toEqual(located[0]);
  });
});

describe('readsOfFunction never throws', () => {
  const HANDLER = 'export function wixA_onB(event) {\n  const { data: { order } } = event;\n  for (const i of order.items) use(i.a ?? event.b, `${event.c}`, /re/g);\n}\n';

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(Array.isArray(readsOfFunction(text, 0, text.length))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('on a handler cut short or spliced at any place', () => {
    fc.assert(
      fc.property(fc.nat(HANDLER.length), fc.nat(HANDLER.length), fc.string({ maxLength: 8 }), (cut, at, insert) => {
        const text = `${HANDLER.slice(0, at)}${insert}${HANDLER.slice(at)}`.slice(0, Math.max(cut, 30));
        expect(Array.isArray(analyzeModule('events.js', text).exports)).toBe(true);
        expect(Array.isArray(readsOfFunction(text, text.indexOf('('), text.length))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
