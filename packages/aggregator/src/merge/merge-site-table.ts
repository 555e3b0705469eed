import { compareCodePoints } from '../base/compare-code-points';
import type { EventEntry, Finding, Handler, SiteReport, WorkspacePackage } from '../model';
import type { AnalyzedSource } from './analyzed-source';
import { namespaceIdentifier } from './namespace-identifier';
import { orderPackages } from './run-order';

const SHARED_EVENT_LISTED = 10;

export interface MergedSite {
  report: SiteReport;
  findings: Finding[];
  /** The member packages in run order. */
  members: WorkspacePackage[];
}

/**
 * One site's dispatch table: per event, the site's own handler first, then its member
 * packages' handlers in run order (shared/SPEC.md §2). `site` has no handlers when it has
 * no events.js (an empty table, not an error).
 */
export function mergeSiteTable(
  site: AnalyzedSource,
  members: readonly AnalyzedSource[],
  order: readonly string[],
): MergedSite {
  const ordered = orderPackages(members, order);
  const sources = [site, ...ordered];
  const findings = namespaceCollisions(site.pkg.name, sources);
  const events = new Map<string, EventEntry>();
  for (const source of sources) {
    for (const handler of source.handlers) {
      let entry = events.get(handler.export);
      if (!entry) {
        entry = { module: handler.module, event: handler.event, handlers: [] };
        events.set(handler.export, entry);
      }
      const row: Handler = {
        namespace: source.pkg.name,
        kind: source === site ? 'site' : 'package',
        export: handler.export,
        file: handler.file,
        line: handler.line,
        column: handler.column,
        async: handler.async,
      };
      entry.handlers.push(row);
    }
  }
  const sortedNames = [...events.keys()].sort(compareCodePoints);
  const table: Record<string, EventEntry> = {};
  for (const name of sortedNames) {
    const entry = events.get(name)!;
    table[name] = entry;
    if (entry.handlers.length > 1) findings.push(sharedEventFinding(site.pkg.name, name, entry.handlers));
  }
  return {
    report: { name: site.pkg.name, root: site.pkg.root, events: table },
    findings,
    members: ordered.map((source) => source.pkg),
  };
}

function sharedEventFinding(siteName: string, handlerName: string, handlers: readonly Handler[]): Finding {
  const first = handlers[0]!;
  // A message lists at most this many; `velo-events list` shows the whole order.
  const shown = handlers.length > SHARED_EVENT_LISTED + 1 ? handlers.slice(0, SHARED_EVENT_LISTED) : handlers;
  const more = handlers.length - shown.length;
  const order =
    shown.map((h, i) => `${i + 1}. ${h.namespace} (${h.file}:${h.line}:${h.column})`).join(', ') +
    (more > 0 ? ` and ${more} more (velo-events list --site ${siteName} shows all)` : '');
  return {
    code: 'shared-event',
    file: first.file,
    line: first.line,
    column: first.column,
    message: `\`${handlerName}\` has ${handlers.length} handlers in site ${siteName}; they run in this order: ${order}. Set "order" in velo-events.config.json to change it`,
  };
}

function namespaceCollisions(siteName: string, sources: readonly AnalyzedSource[]): Finding[] {
  const findings: Finding[] = [];
  const byNamespace = new Map<string, AnalyzedSource>();
  const byIdentifier = new Map<string, AnalyzedSource>();
  for (const source of sources) {
    const { name, root, eventsFile } = source.pkg;
    const where = { file: eventsFile ?? `${root}/package.json`, line: 1, column: 1 };
    const sameName = byNamespace.get(name);
    const identifier = namespaceIdentifier(name);
    const sameIdentifier = byIdentifier.get(identifier);
    if (sameName) {
      findings.push({
        code: 'namespace-collision',
        ...where,
        message: `site ${siteName}: ${root} and ${sameName.pkg.root} both use the namespace \`${name}\`; give each package a unique package.json name`,
      });
    } else if (sameIdentifier) {
      findings.push({
        code: 'namespace-collision',
        ...where,
        message: `site ${siteName}: namespaces \`${name}\` (${root}) and \`${sameIdentifier.pkg.name}\` (${sameIdentifier.pkg.root}) both become the identifier \`${identifier}\` in generated code; rename one package`,
      });
    }
    if (!sameName) byNamespace.set(name, source);
    if (!sameIdentifier) byIdentifier.set(identifier, source);
  }
  return findings;
}
