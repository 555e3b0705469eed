// Default stub of wix-data: an in-memory store per collection that records every call.
import { record } from './recorder.js';

const collections = new Map();
let nextId = 1;
const collection = (name) => {
  if (!collections.has(name)) collections.set(name, new Map());
  return collections.get(name);
};
const withId = (item) => ({ ...item, _id: item?._id ?? `stub-${nextId++}` });

function query(name) {
  const filters = [];
  const builder = {
    eq(field, value) {
      filters.push((item) => item[field] === value);
      return builder;
    },
    limit() {
      return builder;
    },
    async find() {
      record('wix-data', 'query.find', [name]);
      const items = [...collection(name).values()].filter((item) => filters.every((f) => f(item)));
      return { items, totalCount: items.length, length: items.length };
    },
  };
  return builder;
}

const wixData = {
  async insert(name, item) {
    record('wix-data', 'insert', [name, item]);
    const stored = withId(item);
    collection(name).set(stored._id, stored);
    return stored;
  },
  async save(name, item) {
    record('wix-data', 'save', [name, item]);
    const stored = withId(item);
    collection(name).set(stored._id, stored);
    return stored;
  },
  async update(name, item) {
    record('wix-data', 'update', [name, item]);
    collection(name).set(item._id, item);
    return item;
  },
  async get(name, id) {
    record('wix-data', 'get', [name, id]);
    return collection(name).get(id) ?? null;
  },
  async remove(name, id) {
    record('wix-data', 'remove', [name, id]);
    const item = collection(name).get(id) ?? null;
    collection(name).delete(id);
    return item;
  },
  query(name) {
    return query(name);
  },
};

export default wixData;
export const { insert, save, update, get, remove } = wixData;
export { query };
