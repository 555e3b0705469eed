import * as path from 'node:path';
import { closest } from 'fastest-levenshtein';
import { aggregate, type SiteAggregation } from '../aggregate';
import { loadConfig } from '../workspace/config';
import { UsageError } from '../base/errors';
import type { EventEntry, WorkspacePackage } from '../model';
import { checkPayload, type PayloadWarning } from '../payload/check-payload';

export type { PayloadWarning };
import { eventTypes } from '../payload/event-types';
import { reviveDates } from '../payload/revive-dates';
import { sampleEvent } from '../payload/sample-event';
import { runHandlers, type HandlerOutput } from './run-handlers';

export type { HandlerOutput };

export interface LoadSiteOptions {
  /** The workspace root. */
  root: string;
  /** The site's package name; may be left out when the workspace has one site. */
  site?: string;
  /** A folder of stub modules for `wix-*` / `@wix/*` imports (`<stubs>/wix-data.js`). */
  stubs?: string;
  /** How long one handler may take before it is reported as timed out. */
  timeoutMs?: number;
}

export interface HandlerError {
  name: string;
  message: string;
  stack: string | null;
  /** The first stack frame inside the workspace, as `file:line:column` (workspace-relative). */
  location: string | null;
}

export interface HandlerOutcome {
  /** `<namespace>:<handler>`, as the generated dispatcher names it. */
  label: string;
  namespace: string;
  status: 'ran' | 'failed' | 'timed-out';
  durationMs: number;
  error?: HandlerError;
  /**
   * What the handler printed (console.*, process.stdout/stderr.write) while it ran, or after
   * it returned and before the next one started, in order; a stream's consecutive writes
   * are one piece. At most 1 MiB is kept (MAX_OUTPUT_BYTES).
   */
  output: HandlerOutput[];
  /** Bytes printed past that, not kept; absent when nothing was left out. */
  omittedOutputBytes?: number;
  /**
   * Each field of the event the handler read that the event it got does not have (`event.entity`
   * of a `{ data, metadata }` event), once, in the order first read, with the place of that read
   * in the workspace (`file:line:column`, workspace-relative; null when no frame is there). Seen
   * at run time, so also through helper functions.
   */
  missingReads: MissingRead[];
}

export interface MissingRead {
  /** As written in code, from the handler's parameter: `event.data.order`, `event.items[2]`. */
  path: string;
  location: string | null;
}

/** A call a default or user stub recorded (`record(module, method, args)`). */
export interface StubCall {
  module: string;
  method: string;
  args: unknown[];
}

/** The event a run was given: the caller's, or a sample from the documented type, and how it differs from that type. */
export interface PayloadReport {
  source: 'given' | 'sample';
  /** One per difference from the documented type (checkPayload); never stops the run. */
  warnings: PayloadWarning[];
}

export interface EmitResult {
  event: string;
  payload: PayloadReport;
  /** One outcome per handler, in run order. */
  handlers: HandlerOutcome[];
  calls: StubCall[];
  /** True when every handler ran. */
  ok: boolean;
}

export interface LoadedSite {
  name: string;
  /** The events this site's table handles, sorted. */
  events: string[];
  /**
   * Runs every handler of `event` in table order with `payload`, in a fresh Node process.
   * Without a payload, with a sample made from the event's documented type. Fields the type
   * says are `date-time` reach the handlers as `Date`s, as on Wix.
   */
  emit(event: string, payload?: unknown): Promise<EmitResult>;
  /** A fresh sample of `event`'s documented payload (JSON: dates as ISO strings), to change in a test. */
  sampleEvent(event: string): unknown;
  /** How `payload` differs from `event`'s documented type; [] when it does not, or the docs give no type. */
  checkPayload(event: string, payload: unknown): PayloadWarning[];
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Loads a site's merged dispatch table for local runs: `velo-events trigger` and Jest
 * tests (`const site = await loadSite({ root }); await site.emit('wixX_onY', payload)`).
 * Each emit runs in a child Node process (run-handlers.ts), so handler code (ES modules,
 * Velo-style imports resolved by runtime/velo-hooks.mjs) runs exactly as outside Jest, cannot
 * leak state from one emit into the next, and a handler that ends or blocks its process is
 * that handler's outcome, not the end of the run.
 */
export async function loadSite(options: LoadSiteOptions): Promise<LoadedSite> {
  const root = path.resolve(options.root);
  const config = await loadConfig(root);
  const { sites } = await aggregate({ root, config });
  const build = pickSite(sites, options.site);
  return createLoadedSite(root, build.report.name, build.report.events, [build.site, ...build.members], {
    stubDirs: stubDirsOf(root, options.stubs ?? config.stubs),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}

export interface LoadPackageOptions extends Omit<LoadSiteOptions, 'site'> {
  /** The Velo package's name. */
  package: string;
}

/**
 * Like loadSite, for one Velo package's own handlers: what a package author tests before
 * any site depends on it.
 */
export async function loadPackage(options: LoadPackageOptions): Promise<LoadedSite> {
  const root = path.resolve(options.root);
  const config = await loadConfig(root);
  const { packages, analyses } = await aggregate({ root, config });
  const pkg = packages.find((p) => p.kind === 'package' && p.name === options.package);
  if (!pkg) {
    const known = packages.filter((p) => p.kind === 'package').map((p) => p.name).join(', ') || 'none';
    throw new UsageError(`unknown Velo package '${options.package}' (Velo packages: ${known})`);
  }
  const events: Record<string, EventEntry> = {};
  for (const handler of analyses.get(pkg.root)?.handlers ?? []) {
    const { export: name, module, event, file, line, column } = handler;
    events[name] = {
      module,
      event,
      handlers: [{ namespace: pkg.name, kind: 'package', export: name, file, line, column, async: handler.async }],
    };
  }
  return createLoadedSite(root, pkg.name, events, [pkg], {
    stubDirs: stubDirsOf(root, options.stubs ?? config.stubs),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}

function stubDirsOf(root: string, stubs: string | null | undefined): string[] {
  return stubs === null || stubs === undefined ? [] : [path.resolve(root, stubs)];
}

function createLoadedSite(
  root: string,
  name: string,
  table: Record<string, EventEntry>,
  sources: readonly WorkspacePackage[],
  run: { stubDirs: string[]; timeoutMs: number },
): LoadedSite {
  const events = Object.keys(table);
  return {
    name,
    events,
    sampleEvent: (event) => documentedSample(event),
    checkPayload: documentedPayloadWarnings,
    async emit(event, given) {
      const entry = table[event];
      if (!entry) throw new UsageError(unknownEventMessage(event, name, events));
      const types = eventTypes();
      const type = types.typeOf(event);
      const json = given === undefined ? documentedSample(event) : given;
      const payload = type ? reviveDates(types, type.schema, json) : json;
      const payloadReport: PayloadReport = {
        source: given === undefined ? 'sample' : 'given',
        warnings: given === undefined ? [] : documentedPayloadWarnings(event, given),
      };
      const handlers = entry.handlers.map((handler) => {
        const source = sourceOf(sources, handler.namespace);
        return { label: `${handler.namespace}:${event}`, file: path.join(root, source.eventsFile!), export: event };
      });
      const reply = await runHandlers({
        event,
        payload,
        handlers,
        roots: sources.map((s) => ({ dir: path.join(root, s.root), srcRoot: path.join(root, s.sourceRoot) })),
        ...run,
      });
      const outcomes = reply.outcomes.map((outcome, index) => ({
        label: outcome.label,
        namespace: entry.handlers[index]!.namespace,
        status: outcome.status,
        durationMs: outcome.durationMs,
        ...(outcome.error ? { error: { ...outcome.error, location: workspaceFrame(outcome.error.stack, root) } } : {}),
        output: outcome.output,
        ...(outcome.omittedOutputBytes === undefined ? {} : { omittedOutputBytes: outcome.omittedOutputBytes }),
        missingReads: outcome.missingReads.map(({ path: read, stack }) => ({ path: read, location: workspaceFrame(stack, root) })),
      }));
      return { event, payload: payloadReport, handlers: outcomes, calls: reply.calls, ok: outcomes.every((o) => o.status === 'ran') };
    },
  };
}

/** How `payload` differs from `event`'s documented type; [] when the docs give no type. */
function documentedPayloadWarnings(event: string, payload: unknown): PayloadWarning[] {
  const types = eventTypes();
  const type = types.typeOf(event);
  return type ? checkPayload(types, type, payload) : [];
}

/** A sample event of `event`'s documented type; a usage error when the docs give none. */
export function documentedSample(event: string): unknown {
  const types = eventTypes();
  const sample = sampleEvent(types, event);
  if (sample !== null) return sample;
  if (types.undocumented.includes(event)) {
    throw new UsageError(`${event} has no documented event type to make a sample from; write the event yourself and pass it with --payload FILE`);
  }
  throw new UsageError(`${event} is not a documented Velo event handler; did you mean '${closest(event, [...types.handlers])}'? (or pass --payload FILE)`);
}

function pickSite(sites: SiteAggregation[], name: string | undefined): SiteAggregation {
  const names = sites.map((s) => s.report.name);
  if (name === undefined) {
    if (sites.length === 1) return sites[0]!;
    throw new UsageError(
      sites.length === 0
        ? 'no site in this workspace (a site is a package with wix.config.json)'
        : `this workspace has ${sites.length} sites; choose one with --site (${names.join(', ')})`,
    );
  }
  const site = sites.find((s) => s.report.name === name);
  if (!site) throw new UsageError(`unknown site '${name}' (sites: ${names.join(', ') || 'none'})`);
  return site;
}

function sourceOf(sources: readonly WorkspacePackage[], namespace: string): WorkspacePackage {
  const matches = sources.filter((s) => s.name === namespace && s.eventsFile !== null);
  if (matches.length !== 1) {
    throw new UsageError(`cannot tell which package is '${namespace}' (namespace-collision); fix that first`);
  }
  return matches[0]!;
}

export function unknownEventMessage(event: string, site: string, events: readonly string[]): string {
  if (events.length === 0) return `site ${site} handles no events`;
  return `site ${site} has no handler for '${event}'; did you mean '${closest(event, [...events])}'?`;
}

/** The first `file:line:column` of a stack that lies inside the workspace, made relative. */
function workspaceFrame(stack: string | null, root: string): string | null {
  if (!stack) return null;
  const prefix = `file://${root}${path.sep}`;
  for (const match of stack.matchAll(/(file:\/\/[^\s)]+):(\d+):(\d+)/g)) {
    const url = decodeURI(match[1]!);
    if (url.startsWith(prefix) && !url.includes('/node_modules/')) {
      return `${url.slice(prefix.length).split(path.sep).join('/')}:${match[2]}:${match[3]}`;
    }
  }
  return null;
}
