import * as path from 'node:path';
import { catalogOf } from '../aggregate';
import { analyzeSources } from '../analyze-sources';
import { UsageError } from '../base/errors';
import { DEFAULT_CACHE_FOLDER } from '../cache/cache-folder';
import { openModuleCache, type ModuleCache } from '../cache/module-cache';
import type { TextEdit } from '../fix/edits/apply-edits';
import { readSourceText } from '../fs/read-source';
import { planFixes } from '../fix/plan-fixes';
import type { Diagnostic, DiagnosticCode, Report } from '../model';
import { openReportSource, type ReportSource } from '../open-report-source';
import { createExportResolver } from '../resolve/export-resolver';
import { exportedValues } from '../resolve/exported-values';
import type { ModuleGraph } from '../resolve/module-graph';
import type { ResolvedValue } from '../resolve/resolved-value';
import { applyRules } from '../validate/apply-rules';
import { eventFieldSuggestion } from './event-field-suggestion';
import { findWorkspaceRoot } from './find-workspace-root';

/** Codes that only the whole workspace shows: they come from the last report of the files on disk. */
export const CROSS_FILE_CODES: ReadonlySet<DiagnosticCode> = new Set(['shared-event', 'namespace-collision', 'orphan-package']);

/** Renames to the one documented name a typo is near: offered, never applied by ESLint's --fix. */
const SUGGESTED_CODES: ReadonlySet<DiagnosticCode> = new Set(['unknown-module', 'unknown-event']);

export interface LintEventsFileOptions {
  /** The file being linted (absolute, or relative to the current folder). */
  filename: string;
  /** Its text as the editor has it, perhaps unsaved (no BOM). */
  text: string;
  /** The workspace root; found from the file when not given (findWorkspaceRoot). */
  root?: string;
}

export interface LintDiagnostic extends Diagnostic {
  /** The edits of `check --fix`'s certain fix for it (offsets in `text`). */
  fix?: TextEdit[];
  /** A rename offered for the user to pick: `check --fix`'s for a typo, or an `event-field` read's nearest documented name. */
  suggest?: { description: string; edits: TextEdit[] };
}

export type EventsFileLint =
  | { kind: 'not-an-events-file'; root: string }
  | { kind: 'workspace-error'; root: string; message: string }
  | { kind: 'linted'; root: string; file: string; diagnostics: LintDiagnostic[] };

/**
 * What `velo-events check` reports for one events file, from the text an editor holds: the
 * codes one file shows are computed from `text` (its imports are read from disk); the
 * cross-file codes come from the workspace report of the saved files, through the same
 * report cache as the CLI (computed and stored when it is stale). A file that is no site's or
 * Velo package's events file gets nothing. Never throws for user code; a bad config or
 * package.json is a `workspace-error`.
 */
export async function lintEventsFile(options: LintEventsFileOptions): Promise<EventsFileLint> {
  const filename = path.resolve(options.filename);
  const root = path.resolve(options.root ?? findWorkspaceRoot(filename));
  try {
    return await lintInWorkspace(root, filename, options.text);
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'workspace-error', root, message: error.message };
    throw error;
  }
}

async function lintInWorkspace(root: string, filename: string, text: string): Promise<EventsFileLint> {
  const file = path.relative(root, filename).split(path.sep).join('/');
  // One discovery serves both: this file's package and the workspace report.
  const source = await openReportSource(root, path.join(root, DEFAULT_CACHE_FOLDER));
  const { config, packages } = source;
  const pkg = packages.find((p) => p.kind !== 'other' && p.eventsFile === file);
  if (!pkg) return { kind: 'not-an-events-file', root };

  const catalog = catalogOf(config);
  let graph: ModuleGraph | null = null;
  const analyses = await analyzeSources(root, packages, [pkg], catalog, {
    cache: await moduleCacheFor(root),
    texts: new Map([[file, text]]),
    onGraph: (loaded) => (graph = loaded),
  });
  const own = (analyses.get(pkg.root)?.findings ?? []).filter((f) => f.file === file && !CROSS_FILE_CODES.has(f.code));
  // The workspace report is of the saved files: its positions hold only while the editor's
  // text is the saved one. Edited and unsaved, the file shows its own codes; the cross-file
  // ones come back on save (the report cache sees the new stamp and recomputes).
  const saved = await readSourceText(filename);
  const crossFile =
    saved.ok && saved.text === text
      ? (await workspaceReport(source)).diagnostics.filter((d) => d.file === file && CROSS_FILE_CODES.has(d.code))
      : [];
  const diagnostics = [...applyRules(own, config.rules), ...crossFile];
  return { kind: 'linted', root, file, diagnostics: withFixes(file, text, diagnostics, exportsOf(graph, file), catalog) };
}

/** Attaches `check --fix`'s certain fixes (typo renames as suggestions) and event-field renames as suggestions. */
function withFixes(
  file: string,
  text: string,
  diagnostics: readonly Diagnostic[],
  exports: ReadonlyMap<string, ResolvedValue | null>,
  catalog: ReturnType<typeof catalogOf>,
): LintDiagnostic[] {
  const plan = planFixes({ file, text, diagnostics, exports, catalog });
  return diagnostics.map((diagnostic): LintDiagnostic => {
    if (diagnostic.code === 'event-field') {
      const suggest = eventFieldSuggestion(text, diagnostic);
      return suggest === null ? diagnostic : { ...diagnostic, suggest };
    }
    const unit = plan.units.find((u) => u.diagnostics.includes(diagnostic));
    if (!unit) return diagnostic;
    if (!SUGGESTED_CODES.has(diagnostic.code)) return { ...diagnostic, fix: unit.edits };
    const description = unit.fixed.map((f) => f.description).join('; ');
    return { ...diagnostic, suggest: { description, edits: unit.edits } };
  });
}

function exportsOf(graph: ModuleGraph | null, file: string): Map<string, ResolvedValue | null> {
  return graph === null ? new Map() : exportedValues(createExportResolver(graph), file);
}

const moduleCaches = new Map<string, Promise<ModuleCache>>();

/**
 * The CLI's per-file cache, read once per workspace and kept in memory: an editor lints on
 * every keystroke, and the imports of an events file rarely change. Stamps and hashes keep it
 * right when they do; texts from the editor never enter it.
 */
function moduleCacheFor(root: string): Promise<ModuleCache> {
  let cache = moduleCaches.get(root);
  if (!cache) {
    cache = openModuleCache(path.join(root, DEFAULT_CACHE_FOLDER));
    moduleCaches.set(root, cache);
  }
  return cache;
}

/** The report of the files on disk: the cached one while its inputs hold, else computed and stored. */
async function workspaceReport(source: ReportSource): Promise<Report> {
  const cached = source.cached?.report();
  if (cached) return cached;
  const fresh = await source.compute();
  await fresh.save(null);
  return fresh.report;
}
