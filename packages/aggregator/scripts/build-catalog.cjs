#!/usr/bin/env node
'use strict';
/**
 * Builds catalog/catalog.json (the catalog the aggregator ships) from the compiled
 * research catalog, shared/velo/catalog.json (described in shared/velo/FACTS.md).
 *
 *   node scripts/build-catalog.cjs [source.json]
 *
 * Keeps only the fields of `CatalogEntry` (src/model.ts), sorted by handler, and derives
 * `replacement` where a deprecation text names one documented handler.
 *
 * Also writes catalog/event-fields.json, the known fields of each handler's event for the
 * `event-field` check (scripts/event-field-tree.cjs), from event-types.json and
 * event-samples.json beside the source catalog: `check` loads that small tree, never the
 * types themselves.
 */
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const sourcePath = path.resolve(process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'velo', 'catalog.json'));
const outputPath = path.join(__dirname, '..', 'catalog', 'catalog.json');
const fieldsPath = path.join(__dirname, '..', 'catalog', 'event-fields.json');
const { buildEventFields } = require('./event-field-tree.cjs');

const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The one element of a list, or undefined when there are none or several. */
const single = (list) => (list.length === 1 ? list[0] : undefined);

function readSource(file) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: expected an array of catalog entries`);
  return raw;
}

/**
 * `deprecatedOnlyIn`: the old module's page is deprecated but the same handler name is
 * documented, not deprecated, in a newer module (FACTS.md, "Deprecations": wix-members), so
 * the name itself is not deprecated.
 */
function deprecationOf(raw) {
  if (raw.deprecatedOnlyIn) return false;
  return typeof raw.deprecated === 'string' && raw.deprecated.trim() !== '' ? raw.deprecated : false;
}

/** The handler a deprecation text points to, when it names exactly one (may itself be deprecated). */
function namedReplacement(raw, text, lookup) {
  // "a newer version is available at `wix-ecom-backend.Events.onOrderPaymentStatusUpdated()`"
  const qualified = /`(wix-[a-z0-9.-]+?)\.(?:Events|events)\.(on[A-Z][A-Za-z0-9]*)\(\)`/.exec(text);
  if (qualified) return single(lookup.byModuleEvent(qualified[1], qualified[2]));

  // "Use the Bookings V2 Booking Canceled SDK event instead." (singular: one event)
  const sdkEvent = /\b([A-Z][a-z]+) V2 ((?:[A-Z][a-z]+ )+)SDK event\b(?!s)/.exec(text);
  if (sdkEvent) {
    const event = 'on' + sdkEvent[2].replace(/ /g, '');
    return single(lookup.byModuleEvent(`wix-${sdkEvent[1].toLowerCase()}.v2`, event));
  }

  // "use the `onOrderPurchased()` event instead", "superseded by onOrderCycleStarted":
  // one other event named → the same prefix (or else the same module) with that event.
  const mentioned = new Set(text.match(/\bon[A-Z][A-Za-z0-9]*/g) ?? []);
  mentioned.delete(raw.event);
  const event = single([...mentioned]);
  if (event === undefined) return undefined;
  return lookup.byHandler.get(`${raw.prefix}_${event}`) ?? single(lookup.byModuleEvent(raw.module, event));
}

function buildCatalog(rawEntries) {
  const byHandler = new Map(rawEntries.map((raw) => [raw.handler, raw]));
  const lookup = {
    byHandler,
    byModuleEvent: (module, event) => rawEntries.filter((raw) => raw.module === module && raw.event === event),
  };

  /** Follows replacements until one is not deprecated (paid-plans → pricing-plans → onOrderPurchased). */
  function finalReplacement(raw) {
    const seen = new Set([raw.handler]);
    let current = raw;
    while (deprecationOf(current) !== false) {
      const next = namedReplacement(current, deprecationOf(current), lookup);
      if (next === undefined || seen.has(next.handler)) return undefined;
      seen.add(next.handler);
      current = next;
    }
    return current === raw ? undefined : current.handler;
  }

  return rawEntries
    .map((raw) => {
      const deprecated = deprecationOf(raw);
      const replacement = deprecated === false ? undefined : finalReplacement(raw);
      return {
        handler: raw.handler,
        module: raw.module,
        prefix: raw.prefix,
        event: raw.event,
        deprecated,
        ...(replacement === undefined ? {} : { replacement }),
        ...(raw.alternateHandlers?.length ? { alternateHandlers: [...raw.alternateHandlers].sort(byCodePoint) } : {}),
        ...(raw.source ? { source: raw.source } : {}),
      };
    })
    .sort((a, b) => byCodePoint(a.handler, b.handler));
}

const entries = buildCatalog(readSource(sourcePath));
fs.mkdirSync(path.dirname(outputPath), { recursive: true });
fs.writeFileSync(outputPath, JSON.stringify(entries, null, 2) + '\n');

const readJson = (name) => JSON.parse(fs.readFileSync(path.join(path.dirname(sourcePath), name), 'utf8'));
const fields = buildEventFields(readJson('event-types.json'), readJson('event-samples.json'), entries);
fs.writeFileSync(fieldsPath, `${JSON.stringify({ note: 'generated by scripts/build-catalog.cjs (event-field-tree.cjs); do not edit', ...fields })}\n`);
console.log(`${path.relative(process.cwd(), fieldsPath)}: ${Object.keys(fields.handlers).length} handlers, ${fields.nodes.length} nodes`);

const deprecatedCount = entries.filter((entry) => entry.deprecated !== false).length;
const replacedCount = entries.filter((entry) => entry.replacement !== undefined).length;
console.log(
  `${path.relative(process.cwd(), outputPath)}: ${entries.length} handlers, ` +
    `${deprecatedCount} deprecated (${replacedCount} with a replacement)`,
);
