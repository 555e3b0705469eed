import type { DiagnosticCode, Severity } from '../model';

export interface CodeDefinition {
  code: DiagnosticCode;
  defaultSeverity: Severity;
  /** One line: what the code means, for help output and rule docs. */
  summary: string;
}

/** The one place that defines every diagnostic code (shared/SPEC.md §4). */
export const CODES: Readonly<Record<DiagnosticCode, CodeDefinition>> = {
  'read-error': {
    code: 'read-error',
    defaultSeverity: 'error',
    summary: 'The file cannot be read, is not UTF-8 text, or is not a file.',
  },
  'parse-error': {
    code: 'parse-error',
    defaultSeverity: 'error',
    summary: 'The file is not a syntactically valid ES module.',
  },
  'unresolved-import': {
    code: 'unresolved-import',
    defaultSeverity: 'error',
    summary: 'A local import or re-export matches no file, or names an export the module does not have; Node refuses to load the module.',
  },
  'unsupported-export': {
    code: 'unsupported-export',
    defaultSeverity: 'error',
    summary: 'An export form Velo does not support in events.js (CommonJS, default, package re-export, dynamic value, handlers in an object).',
  },
  'not-a-function': {
    code: 'not-a-function',
    defaultSeverity: 'error',
    summary: 'A handler-named export bound to something that is not a function.',
  },
  'duplicate-export': {
    code: 'duplicate-export',
    defaultSeverity: 'error',
    summary: 'One export name is exported twice in a file.',
  },
  'namespace-collision': {
    code: 'namespace-collision',
    defaultSeverity: 'error',
    summary: 'Two sources in one site table share a namespace or a generated identifier.',
  },
  'unknown-module': {
    code: 'unknown-module',
    defaultSeverity: 'warning',
    summary: 'A handler-shaped name whose prefix is not in the catalog.',
  },
  'unknown-event': {
    code: 'unknown-event',
    defaultSeverity: 'warning',
    summary: 'A known prefix with an event the catalog does not list for it.',
  },
  'deprecated-event': {
    code: 'deprecated-event',
    defaultSeverity: 'warning',
    summary: 'The catalog marks the event deprecated.',
  },
  'handler-arity': {
    code: 'handler-arity',
    defaultSeverity: 'warning',
    summary: 'A handler declares more than one parameter; Velo passes one event.',
  },
  'shared-event': {
    code: 'shared-event',
    defaultSeverity: 'warning',
    summary: 'One event has handlers from more than one source in a site table.',
  },
  'misplaced-hook': {
    code: 'misplaced-hook',
    defaultSeverity: 'warning',
    summary: 'A data hook exported from events.js; Velo reads hooks only from data.js.',
  },
  'sdk-registration': {
    code: 'sdk-registration',
    defaultSeverity: 'warning',
    summary: 'A top-level @wix SDK event registration; on sites only Velo handlers in events.js run.',
  },
  'event-field': {
    code: 'event-field',
    defaultSeverity: 'warning',
    summary: "A handler reads a field of its event that the event's documented type does not have (in any doc generation).",
  },
  'ignored-events-file': {
    code: 'ignored-events-file',
    defaultSeverity: 'warning',
    summary: 'Handler-shaped exports in a file Velo never reads as backend events (events.ts and the like), or in a Wix CLI app.',
  },
  'outside-root-pattern': {
    code: 'outside-root-pattern',
    defaultSeverity: 'warning',
    summary: 'A workspace pattern that leads outside the workspace root; velo-events does not look there.',
  },
  'non-handler-export': {
    code: 'non-handler-export',
    defaultSeverity: 'info',
    summary: 'An export whose name is not handler-shaped; Velo never calls it.',
  },
  'orphan-package': {
    code: 'orphan-package',
    defaultSeverity: 'info',
    summary: 'A Velo package with handlers that no site depends on.',
  },
};

export const ALL_CODES = Object.keys(CODES).sort() as DiagnosticCode[];

/**
 * A code's rule page, relative to the package root. The package ships its pages
 * (package.json "files"); they are not published on the web, so no output links to one by
 * URL (issue #24): people read a page with `explainCommand(code)`.
 */
export function rulePagePath(code: DiagnosticCode): string {
  return `docs/rules/${code}.md`;
}

/** What prints a code's rule page in a terminal. */
export function explainCommand(code: DiagnosticCode): string {
  return `velo-events explain ${code}`;
}
