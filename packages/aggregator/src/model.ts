/**
 * The plain data every stage shares. No stage imports another stage's internals:
 * workspace → sources → analyze → resolve → validate → merge → emit pass these shapes along
 * (ARCHITECTURE.md at the repository root).
 */

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

/** The ids of shared/SPEC.md §4; what each means and how severe it is: validate/codes. */
export const DIAGNOSTIC_CODES = [
  'read-error',
  'parse-error',
  'unresolved-import',
  'unsupported-export',
  'not-a-function',
  'duplicate-export',
  'namespace-collision',
  'unknown-module',
  'unknown-event',
  'deprecated-event',
  'handler-arity',
  'shared-event',
  'misplaced-hook',
  'sdk-registration',
  'event-field',
  'ignored-events-file',
  'outside-root-pattern',
  'non-handler-export',
  'orphan-package',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

const CODE_IDS: ReadonlySet<string> = new Set(DIAGNOSTIC_CODES);

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return CODE_IDS.has(value);
}

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
  /**
   * Set when it has no package.json `name` (Wix's site template has none) or no package.json:
   * `name` is then its folder's (shared/SPEC.md §2).
   */
  nameFromFolder?: true;
  /** Workspace-relative POSIX path of the package root ('.' for the workspace root). */
  root: string;
  kind: 'site' | 'package' | 'other';
  /** Workspace-relative path of its events.js, when it has one. */
  eventsFile: string | null;
  /** Workspace-relative folder that `backend/…` and `public/…` specifiers resolve against. */
  sourceRoot: string;
  /** Names from `dependencies` of its package.json. */
  dependencies: string[];
  /**
   * Files where its events.js would be that Velo never reads (`events.ts` and the like; in a
   * Wix CLI app every events file), workspace-relative and sorted; absent when there are none
   * (shared/SPEC.md §2, `ignored-events-file`).
   */
  ignoredEventsFiles?: string[];
  /**
   * Set when its wix.config.json marks a Wix CLI app (an `appId`, or `"projectType": "App"`):
   * never a site, its kind is 'other'.
   */
  wixCliApp?: 'appId' | 'projectType';
}

/**
 * When a file was last seen: a different size or inode change time means "read it again"
 * (fs/change-stamp says why the change time, not the modification time).
 */
export interface FileStamp {
  size: number;
  ctimeMs: number;
}

/** A module's text to analyze, with the workspace-relative POSIX path findings name. */
export interface SourceInput {
  file: string;
  text: string;
}

/** A handler Velo will call: a handler-shaped export bound to a function. */
export interface SourceHandler {
  export: string;
  module: string | null;
  event: string;
  file: string;
  line: number;
  column: number;
  async: boolean;
}

export interface SourceHash {
  file: string;
  sha256: string;
}

/**
 * Everything one events file contributes: what Velo calls, what it never will, and why.
 * Computed per package (the Nx analysis target writes it to analysis.json) and merged later.
 */
export interface SourceAnalysis {
  root: string;
  handlers: SourceHandler[];
  findings: Finding[];
  /** Every readable module of its static graph, with a content hash, sorted by file. */
  sources: SourceHash[];
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

/** Every file a run read and how each import resolved (cache/report-cache replays them). */
export interface RunInputs {
  /** Each file, with the size and change time taken before reading it. */
  files: [file: string, size: number, ctimeMs: number][];
  resolutions: [importer: string, specifier: string, target: string | null][];
  /** False when the run analyzed anything not read from disk now (given texts or analyses, unreadable files). */
  reusable: boolean;
}
