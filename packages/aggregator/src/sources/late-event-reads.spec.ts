import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { lateEventReader } from './late-event-reads';

const ORDERS = 'export function handleOrder(event) {\n  return event.entity._id;\n}\n';
const RANGE: [number, number] = [ORDERS.indexOf('(event)'), ORDERS.indexOf('}') + 1];
const READ = { keys: ['entity', '_id'], at: [2, 16, 2, 23] };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('lateEventReader: reads a function its module exports under a name of its own', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'late-reads-'));
    writeFileSync(path.join(root, 'orders.js'), ORDERS);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('from the file the module graph hashed, once per function', () => {
    const readsOf = lateEventReader(root, { hashes: new Map([['orders.js', sha256(ORDERS)]]) }, new Map());
    const reads = readsOf({ file: 'orders.js', readRange: RANGE });
    expect(reads).toEqual([READ]);
    writeFileSync(path.join(root, 'orders.js'), 'changed');
    expect(readsOf({ file: 'orders.js', readRange: RANGE })).toBe(reads);
  });

  it('from the text given in place of the file (an editor’s, a fix preview’s)', () => {
    const edited = `// edited\n${ORDERS}`;
    const readsOf = lateEventReader(root, { hashes: new Map([['orders.js', sha256(edited)]]) }, new Map([['orders.js', edited]]));
    const shifted: [number, number] = [RANGE[0] + 10, RANGE[1] + 10];
    expect(readsOf({ file: 'orders.js', readRange: shifted })).toEqual([{ keys: ['entity', '_id'], at: [3, 16, 3, 23] }]);
  });

  it('from the text the module graph kept when it analyzed the module, without the disk', () => {
    rmSync(path.join(root, 'orders.js'));
    const readsOf = lateEventReader(root, { hashes: new Map([['orders.js', sha256(ORDERS)]]), texts: new Map([['orders.js', ORDERS]]) }, new Map());
    expect(readsOf({ file: 'orders.js', readRange: RANGE })).toEqual([READ]);
  });

  it('nothing when the file changed since it was analyzed, is gone, or is shorter than the range', () => {
    writeFileSync(path.join(root, 'orders.js'), ORDERS.replace('_id', 'id'));
    expect(lateEventReader(root, { hashes: new Map([['orders.js', sha256(ORDERS)]]) }, new Map())({ file: 'orders.js', readRange: RANGE })).toEqual([]);
    expect(lateEventReader(root, { hashes: new Map([['gone.js', sha256(ORDERS)]]) }, new Map())({ file: 'gone.js', readRange: RANGE })).toEqual([]);
    const short = 'export function f(e) {}\n';
    writeFileSync(path.join(root, 'orders.js'), short);
    expect(lateEventReader(root, { hashes: new Map([['orders.js', sha256(short)]]) }, new Map())({ file: 'orders.js', readRange: RANGE })).toEqual([]);
  });
});
