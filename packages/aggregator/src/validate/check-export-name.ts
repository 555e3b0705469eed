import type { CatalogEntry, DiagnosticCode, Finding, Location } from '../model';
import type { Catalog } from './catalog';
import { detached } from '../analyze/detached-string';

/** What an export's name alone says about it (its value is the analyzer's business). */
export interface NameVerdict {
  role: 'handler' | 'hook' | 'other';
  /** The catalog module of a known handler name; `null` otherwise. */
  module: string | null;
  /** For handler-shaped names the text after the first `_`; '' otherwise. */
  event: string;
  findings: Finding[];
}

/** `<prefix>_on<Event>` (shared/SPEC.md §3; FACTS.md §0: "the Wix module and the name of the event"). */
export const HANDLER_NAME = /^[a-z][A-Za-z0-9]*_on[A-Z][A-Za-z0-9]*$/;

/** Velo data hooks (`<collection>_beforeInsert`, `<collection>_onFailure`, …) belong in data.js. */
const DATA_HOOK_NAME = /^.+_(?:(?:before|after)(?:Insert|Update|Remove|Get|Query|Count)|onFailure)$/;

/** How far a name may be from a catalog name to still count as a typo of it (non-handler exports). */
const NON_HANDLER_TYPO_DISTANCE = 2;

const CHECK_CATALOG =
  "Check the exact name on the event's Velo docs page, or declare the event in velo-events.config.json if the catalog lacks it.";

/**
 * Classifies one export name of an events.js file against the catalog. Known names (alternate
 * spellings included) come first, so a catalog entry never reads as a hook or a typo.
 */
export function checkExportName(name: string, at: Location, catalog: Catalog): NameVerdict {
  const entry = catalog.entryFor(name);
  if (entry !== undefined) return knownHandler(name, entry, at);
  if (DATA_HOOK_NAME.test(name)) {
    const message = `\`${name}\` is a data hook: Velo reads data hooks only from data.js; move \`${name}\` to backend/data.js.`;
    return { role: 'hook', module: null, event: '', findings: [finding(at, 'misplaced-hook', message)] };
  }
  if (HANDLER_NAME.test(name)) return unknownHandler(name, at, catalog);
  return otherExport(name, at, catalog);
}

function knownHandler(name: string, entry: CatalogEntry, at: Location): NameVerdict {
  const verdict: NameVerdict = { role: 'handler', module: entry.module, event: eventOf(name), findings: [] };
  if (entry.deprecated === false) return verdict;

  const docText = condenseDeprecation(entry.deprecated);
  const advice =
    entry.replacement !== undefined
      ? `Use \`${entry.replacement}\` instead and check its event payload, which may differ.`
      : entry.source !== undefined
        ? `See ${entry.source}.`
        : '';
  const message = [`\`${name}\` (${entry.module}) is deprecated.`, docText, advice].filter(Boolean).join(' ');
  verdict.findings.push(finding(at, 'deprecated-event', message, entry.replacement));
  return verdict;
}

function unknownHandler(name: string, at: Location, catalog: Catalog): NameVerdict {
  const prefix = name.slice(0, name.indexOf('_'));
  const event = eventOf(name);
  const verdict: NameVerdict = { role: 'handler', module: null, event, findings: [] };

  if (catalog.prefixes.has(prefix)) {
    const nearestEvent = plausible(nearest(event, catalog.eventsOf(prefix)), event);
    const suggestion = nearestEvent && `${prefix}_${nearestEvent}`;
    const problem = `\`${name}\`: the prefix \`${prefix}\` has no event \`${event}\`; Velo never calls this function.`;
    verdict.findings.push(finding(at, 'unknown-event', withAdvice(problem, suggestion), suggestion));
    return verdict;
  }

  // A close prefix that has this very event is the likeliest fix; otherwise the closest whole name.
  const nearestPrefix = plausible(nearest(prefix, catalog.prefixes), prefix);
  const suggestion =
    nearestPrefix !== undefined && catalog.eventsOf(nearestPrefix).includes(event)
      ? `${nearestPrefix}_${event}`
      : plausible(nearest(name, catalog.handlerNames), name);
  const problem = `\`${name}\`: no Velo module uses the prefix \`${prefix}\`; Velo never calls this function.`;
  verdict.findings.push(finding(at, 'unknown-module', withAdvice(problem, suggestion), suggestion));
  return verdict;
}

function otherExport(name: string, at: Location, catalog: Catalog): NameVerdict {
  // Catches case slips and a dropped `on` (`wixBilling_OnInvoicePaid`, `wixBilling_invoicePaid`).
  // An edit distance is at least the length difference: most helper names (`formatPrice`)
  // are ruled out without computing one.
  const match = hasNameOfLengthNear(name.length, catalog.handlerNames) ? nearest(name, catalog.handlerNames) : undefined;
  const suggestion = match && match.caseInsensitive <= NON_HANDLER_TYPO_DISTANCE ? match.name : undefined;
  const problem = `\`${name}\` is not a handler name (\`<prefix>_on<Event>\`); Velo never calls it.`;
  const message = suggestion === undefined ? problem : `${problem} Did you mean \`${suggestion}\`?`;
  return { role: 'other', module: null, event: '', findings: [finding(at, 'non-handler-export', message, suggestion)] };
}

const lengthsMemo = new WeakMap<readonly string[], Set<number>>();

function hasNameOfLengthNear(length: number, names: readonly string[]): boolean {
  let lengths = lengthsMemo.get(names);
  if (!lengths) lengthsMemo.set(names, (lengths = new Set(names.map((n) => n.length))));
  for (let delta = -NON_HANDLER_TYPO_DISTANCE; delta <= NON_HANDLER_TYPO_DISTANCE; delta += 1) {
    if (lengths.has(length + delta)) return true;
  }
  return false;
}

export interface NameMatch {
  name: string;
  caseSensitive: number;
  caseInsensitive: number;
}

// The same misspelling recurs across files; the catalog's candidate lists never change.
const nearestMemo = new WeakMap<Iterable<string>, Map<string, NameMatch | undefined>>();

/** The closest candidate: by edit distance, then case-insensitive distance, then code point. */
export function nearest(target: string, candidates: Iterable<string>): NameMatch | undefined {
  let memo = nearestMemo.get(candidates);
  if (!memo) nearestMemo.set(candidates, (memo = new Map()));
  // Kept detached: the target is cut from a module's text, and a key would keep that text alive.
  if (!memo.has(target)) memo.set(detached(target), nearestUncached(target, candidates));
  return memo.get(target);
}

function nearestUncached(target: string, candidates: Iterable<string>): NameMatch | undefined {
  // Loaded at the first name that is not documented: most runs have none to suggest for.
  const { distance } = require('fastest-levenshtein') as typeof import('fastest-levenshtein');
  const lowerTarget = target.toLowerCase();
  let best: NameMatch | undefined;
  for (const name of candidates) {
    // No edit distance is below the difference in length: such a name cannot be closer.
    if (best !== undefined && Math.abs(name.length - target.length) > best.caseSensitive) continue;
    const match = {
      name,
      caseSensitive: distance(target, name),
      caseInsensitive: distance(lowerTarget, name.toLowerCase()),
    };
    if (best === undefined || isCloser(match, best)) best = match;
  }
  return best;
}

function isCloser(a: NameMatch, b: NameMatch): boolean {
  if (a.caseSensitive !== b.caseSensitive) return a.caseSensitive < b.caseSensitive;
  if (a.caseInsensitive !== b.caseInsensitive) return a.caseInsensitive < b.caseInsensitive;
  return a.name < b.name;
}

/** The match's name when it is close enough to `target` to be a typo of it, else undefined. */
export function plausible(match: NameMatch | undefined, target: string): string | undefined {
  const limit = Math.max(2, 0.4 * target.length);
  return match !== undefined && match.caseInsensitive <= limit ? match.name : undefined;
}

function withAdvice(problem: string, suggestion: string | undefined): string {
  return suggestion === undefined ? `${problem} ${CHECK_CATALOG}` : `${problem} Did you mean \`${suggestion}\`?`;
}

function eventOf(name: string): string {
  return name.slice(name.indexOf('_') + 1);
}

/**
 * The part of a doc deprecation notice worth a one-line message: without the leading
 * "Deprecated." and sentences that only repeat it, up to the sentence saying what to use instead.
 */
export function condenseDeprecation(text: string): string {
  const body = text.replace(/^\s*(?:Deprecated\.|Deprecation Notice:)\s*/, '').trim();
  if (body === '') return '';
  const sentences = body
    .split(/(?<=\.)\s+(?=[A-Z])/)
    .filter((sentence) => !/^(?:This|The \w+) event (?:is|has been) deprecated\.$/.test(sentence));
  const pointer = sentences.findIndex((sentence) => /instead|newer version|superseded/i.test(sentence));
  const condensed = sentences.slice(0, pointer >= 0 && pointer < 2 ? pointer + 1 : 1).join(' ');
  return /[.!?]$/.test(condensed) ? condensed : `${condensed}.`;
}

function finding(at: Location, code: DiagnosticCode, message: string, suggestion?: string): Finding {
  const base: Finding = { code, file: at.file, line: at.line, column: at.column, message };
  return suggestion === undefined ? base : { ...base, suggestion };
}
