import fc from 'fast-check';
import { writeJsonChunks } from './json-chunks';

function jsonChunks(value: unknown, options?: { depth?: number; chunkSize?: number; compact?: boolean }): string[] {
  const chunks: string[] = [];
  writeJsonChunks(value, (chunk) => chunks.push(chunk), options);
  return chunks;
}

const joined = (value: unknown, options?: { depth?: number; chunkSize?: number; compact?: boolean }): string => [...jsonChunks(value, options)].join('');

describe('writeJsonChunks', () => {
  it('gives the bytes of JSON.stringify(value, null, 2) for any JSON value, at any depth and chunk size', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 64 }), (value, depth, chunkSize) => {
        expect(joined(value, { depth, chunkSize })).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('compact: gives the bytes of JSON.stringify(value) for any JSON value, at any depth and chunk size', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 64 }), (value, depth, chunkSize) => {
        expect(joined(value, { depth, chunkSize, compact: true })).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out and keeps toJSON, strings with line breaks and empty containers', () => {
    const value = {
      a: undefined,
      b: [undefined, () => 1, Symbol('s'), 'x\ny'],
      c: { toJSON: () => ({ made: 'by toJSON' }) },
      d: new Date(0),
      e: [],
      f: {},
      g: { nested: { deeper: [1, { two: 2 }] } },
      h: Object.assign(Object.create(null) as object, { bare: true }),
    };
    for (const depth of [0, 1, 2, 5]) {
      expect(joined(value, { depth, chunkSize: 3 })).toBe(JSON.stringify(value, null, 2));
      expect(joined(value, { depth, chunkSize: 3, compact: true })).toBe(JSON.stringify(value));
    }
  });

  it('writes records of plain values (handlers, diagnostics) as JSON.stringify does, whatever their keys and values', () => {
    const manyKeys = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`key ${i} "quoted"`, i % 2 === 0 ? i : `v${i}`]));
    const value = {
      handlers: [{ namespace: 'shop', kind: 'site', export: 'wixEcom_onOrderCreated', file: 'src/backend/events.js', line: 3, column: 1, async: true }],
      diagnostics: [{ code: 'parse-error', severity: 'error', message: 'a "quoted"\nmessage — ünïcode', suggestion: null }],
      odd: [{ zero: -0, big: 1e21, tiny: 5e-324, gone: undefined }, { nan: Number.NaN, inf: -Infinity }, { only: undefined }, manyKeys, manyKeys],
    };
    for (const depth of [0, 1, 3, 6]) {
      expect(joined(value, { depth, chunkSize: 50 })).toBe(JSON.stringify(value, null, 2));
      expect(joined(value, { depth, chunkSize: 50, compact: true })).toBe(JSON.stringify(value));
    }
  });

  it('yields chunks of at least the chunk size except the last, and one chunk for a small value', () => {
    const value = { list: Array.from({ length: 100 }, (_, i) => ({ i, name: `n${i}` })) };
    const chunks = [...jsonChunks(value, { chunkSize: 256 })];
    expect(chunks.slice(0, -1).every((chunk) => chunk.length >= 256)).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
    expect([...jsonChunks({ a: 1 })]).toEqual(['{\n  "a": 1\n}']);
  });
});
