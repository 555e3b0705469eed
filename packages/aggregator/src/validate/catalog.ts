import { compareCodePoints } from '../base/compare-code-points';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../base/canonical-json';
import type { CatalogEntry } from '../model';
import { PACKAGE_ROOT } from '../base/package-layout';

/** The documented Velo handler names, indexed for validation and suggestions. */
export interface Catalog {
  /** Every entry, one per handler, sorted by handler (code point). */
  readonly entries: readonly CatalogEntry[];
  /** Every name Velo documents, alternate spellings included, sorted by code point. */
  readonly handlerNames: readonly string[];
  /** Every prefix of a known name (alternate names included), sorted by code point. */
  readonly prefixes: ReadonlySet<string>;
  /** sha256 (hex) of the canonical JSON of `entries`: a cache key for results that depend on it. */
  readonly hash: string;
  /** The entry documenting `name`, as its handler or, failing that, as one of its `alternateHandlers`. */
  entryFor(name: string): CatalogEntry | undefined;
  /** The events known under `prefix` (sorted), or none when the prefix is unknown. */
  eventsOf(prefix: string): readonly string[];
  /**
   * The entries whose event is `event`, sorted by handler: which Velo handler names exist for
   * an SDK registration such as `products.onProductCreated(cb)`.
   */
  entriesForEvent(event: string): readonly CatalogEntry[];
}


/** `prefix` and `event` of a name `<prefix>_<event>`. */
function splitHandlerName(name: string): { prefix: string; event: string } {
  const underscore = name.indexOf('_');
  return { prefix: name.slice(0, underscore), event: name.slice(underscore + 1) };
}

function pushTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * Indexes `entries`. A later entry with the same handler replaces an earlier one, so config
 * entries override built-in ones: `createCatalog([...builtinCatalog().entries, ...extra])`.
 */
export function createCatalog(entries: readonly CatalogEntry[]): Catalog {
  const byHandler = new Map<string, CatalogEntry>();
  for (const entry of entries) byHandler.set(entry.handler, entry);
  const sorted = [...byHandler.values()].sort((a, b) => compareCodePoints(a.handler, b.handler));

  // Alternate spellings count as known (SPEC §4, FACTS.md §0: doc generations disagree on
  // some prefixes), but a name documented as its own entry keeps that entry.
  const byAlternate = new Map<string, CatalogEntry>();
  for (const entry of sorted) {
    for (const alternate of entry.alternateHandlers ?? []) {
      if (!byHandler.has(alternate) && !byAlternate.has(alternate)) byAlternate.set(alternate, entry);
    }
  }

  const eventsByPrefix = new Map<string, string[]>();
  const entriesByEvent = new Map<string, CatalogEntry[]>();
  const names: Array<[string, CatalogEntry]> = [...byHandler, ...byAlternate];
  for (const [name, entry] of names) {
    const { prefix, event } = splitHandlerName(name);
    pushTo(eventsByPrefix, prefix, event);
    if (!entriesByEvent.get(event)?.includes(entry)) pushTo(entriesByEvent, event, entry);
  }
  for (const list of entriesByEvent.values()) list.sort((a, b) => compareCodePoints(a.handler, b.handler));

  const sortedEvents = new Map<string, readonly string[]>(
    [...eventsByPrefix].map(([prefix, events]) => [prefix, Object.freeze([...new Set(events)].sort(compareCodePoints))]),
  );

  let hash: string | undefined;
  return {
    // Only analyses for the Nx targets need it: computed on first use.
    get hash() {
      return (hash ??= createHash('sha256').update(canonicalJson(sorted)).digest('hex'));
    },
    entries: Object.freeze(sorted),
    handlerNames: Object.freeze(names.map(([name]) => name).sort(compareCodePoints)),
    prefixes: new Set([...eventsByPrefix.keys()].sort(compareCodePoints)),
    entryFor: (name) => byHandler.get(name) ?? byAlternate.get(name),
    eventsOf: (prefix) => sortedEvents.get(prefix) ?? [],
    entriesForEvent: (event) => entriesByEvent.get(event) ?? [],
  };
}

let builtin: Catalog | undefined;

/**
 * The catalog shipped in `catalog/catalog.json` (built by scripts/build-catalog.cjs), loaded
 * once. The path works from `src/validate` (ts-jest) and `dist/validate` alike: both sit two
 * levels below the package root.
 */
export function builtinCatalog(): Catalog {
  if (builtin === undefined) {
    const file = path.join(PACKAGE_ROOT, 'catalog', 'catalog.json');
    // The file is generated and shape-checked by catalog.spec.ts, so it is trusted here.
    const entries = JSON.parse(readFileSync(file, 'utf8')) as CatalogEntry[];
    builtin = createCatalog(entries);
  }
  return builtin;
}
