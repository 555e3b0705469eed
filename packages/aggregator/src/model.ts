/**
 * The plain data every stage shares. No stage imports another stage's internals:
 * discover → analyze → resolve → validate → merge → emit pass these shapes along.
 */

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

export type DiagnosticCode =
  | 'read-error'
  | 'parse-error'
  | 'unsupported-export'
  | 'not-a-function'
  | 'duplicate-export'
  | 'namespace-collision'
  | 'unknown-module'
  | 'unknown-event'
  | 'deprecated-event'
  | 'handler-arity'
  | 'shared-event'
  | 'misplaced-hook'
  | 'sdk-registration'
  | 'non-handler-export'
  | 'orphan-package';

/** A 1-based position in a workspace-relative POSIX file path. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** What a stage finds before severities are applied (rules decide those). */
export interface Finding extends Location {
  code: DiagnosticCode;
  message: string;
  suggestion?: string;
}

export interface Diagnostic extends Finding {
  severity: Severity;
}

/** One entry of the built-in or config catalog of documented handler names. */
export interface CatalogEntry {
  handler: string;
  module: string;
  prefix: string;
  event: string;
  /** `false`, or the doc's deprecation text. */
  deprecated: false | string;
  /** A documented handler name that replaces a deprecated one, when the docs name one. */
  replacement?: string;
  alternateHandlers?: string[];
  source?: string;
}

/** Where a package of the workspace lives and what it is. */
export interface WorkspacePackage {
  /** `package.json` `name`; the namespace of its handlers. */
  name: string;
  /** Workspace-relative POSIX path of the package root ('.' for the workspace root). */
  root: string;
  kind: 'site' | 'package' | 'other';
  /** Workspace-relative path of its events.js, when it has one. */
  eventsFile: string | null;
  /** Workspace-relative folder that `backend/…` and `public/…` specifiers resolve against. */
  sourceRoot: string;
  /** Names from `dependencies` of its package.json. */
  dependencies: string[];
}

export interface Handler {
  namespace: string;
  kind: 'site' | 'package';
  export: string;
  file: string;
  line: number;
  column: number;
  async: boolean;
}

export interface EventEntry {
  module: string | null;
  event: string;
  handlers: Handler[];
}

export interface SiteReport {
  name: string;
  root: string;
  events: Record<string, EventEntry>;
}

export interface Report {
  schemaVersion: 1;
  root: '.';
  sites: SiteReport[];
  diagnostics: Diagnostic[];
}

/** Every file a run read and how each import resolved (discover/report-cache replays them). */
export interface RunInputs {
  /** Each file, with the size and change time taken before reading it. */
  files: [file: string, size: number, mtimeMs: number][];
  resolutions: [importer: string, specifier: string, target: string | null][];
  /** False when the run analyzed anything not read from disk now (given texts or analyses, unreadable files). */
  reusable: boolean;
}
