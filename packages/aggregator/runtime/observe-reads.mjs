// Watches what handlers read of their event at run time (velo-events trigger and emit()): a
// read of a field the event does not have is reported once per field, with the stack of the
// read, so the user sees `event.entity` read where the event is `{ data, metadata }` — also
// through helper functions, which static analysis cannot follow.
//
// It must never change what a handler does. Plain objects and arrays of the event are seen
// through proxies that forward every operation to the real value, and hand out one proxy per
// value (so `===` holds). Nothing else is wrapped: a Date stays a Date (`instanceof Date`, its
// methods). What a proxy would break is undone where it can be: structuredClone gets the real
// values (copied, as structuredClone copies anyway); what a frozen property holds is handed
// out unobserved. Operations that reject proxies and cannot be intercepted here
// (v8.serialize, postMessage to a worker) are not used by Velo backend code. Tests:
// test/observe-reads.spec.ts, test/trigger.spec.ts ("reads of fields the event does not have").

/** Names that language protocols and libraries probe on any object: reading them is no mistake. */
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'inspect', 'constructor', 'prototype']);

const rawOf = new WeakMap(); // proxy → the real value
const proxyOf = new WeakMap(); // real value → its proxy

/**
 * The event as handlers get it, observed. `onMissing(path)` is called for each read of a key
 * the value does not have (its own or inherited), `path` written as in code: `event.data.order`.
 */
export function observeEvent(event, onMissing) {
  return observed(event, 'event', onMissing);
}

function observable(value) {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function observed(value, path, onMissing) {
  if (!observable(value)) return value;
  const known = proxyOf.get(value);
  if (known) return known;
  const isArray = Array.isArray(value);
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      const result = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return result;
      if (!(key in target)) {
        if (!PROBES.has(key)) onMissing(childPath(path, key, isArray));
        return result;
      }
      // A frozen property must read as its very value (a proxy's invariant): left unobserved.
      const own = Object.getOwnPropertyDescriptor(target, key);
      if (own !== undefined && !own.configurable && own.writable === false) return result;
      return observed(result, childPath(path, key, isArray), onMissing);
    },
    // What a handler assigns is stored as the real value. (Object.defineProperty is passed on
    // as it is: a proxy may not answer it with another value; withoutProxies walks the tree.)
    set(target, key, value) {
      return Reflect.set(target, key, unwrapped(value));
    },
  });
  rawOf.set(proxy, value);
  proxyOf.set(value, proxy);
  return proxy;
}

function childPath(path, key, isArray) {
  if (isArray && /^(0|[1-9][0-9]*)$/.test(key)) return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The real value of a proxy; anything else as it is. */
export function unwrapped(value) {
  return (value !== null && typeof value === 'object' && rawOf.get(value)) || value;
}

/**
 * `value` with every proxy of ours replaced by its real value, inside the plain objects,
 * arrays, Maps and Sets a handler built around them (`{ ...event }` holds the event's nested
 * proxies): what structuredClone is given, which copies it anyway. Those containers are
 * copied, shared references and cycles kept; anything else is passed as it is.
 */
export function withoutProxies(value, seen = new Map()) {
  if (value === null || typeof value !== 'object') return value;
  // The real value may hold a proxy a handler put there with Object.defineProperty.
  value = rawOf.get(value) ?? value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value) || observable(value)) {
    const copy = Array.isArray(value) ? new Array(value.length) : Object.create(Object.getPrototypeOf(value));
    seen.set(value, copy);
    for (const key of Reflect.ownKeys(value)) {
      if (Array.isArray(value) && key === 'length') continue;
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      Object.defineProperty(copy, key, 'value' in descriptor ? { ...descriptor, value: withoutProxies(descriptor.value, seen) } : descriptor);
    }
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(withoutProxies(k, seen), withoutProxies(v, seen));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const item of value) copy.add(withoutProxies(item, seen));
    return copy;
  }
  return value;
}
