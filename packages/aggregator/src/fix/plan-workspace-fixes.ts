import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { aggregate, catalogOf, type Aggregation } from '../aggregate';
import { sourceRootFinder } from '../workspace/source-root-finder';
import { compareCodePoints } from '../base/compare-code-points';
import { loadConfig } from '../workspace/config';
import { loadModuleGraph } from '../sources/load-module-graph';
import { inProcessAnalyzer } from '../sources/module-analyzer';
import { NO_CACHE, type ModuleCache } from '../cache/module-cache';
import type { Diagnostic, WorkspacePackage } from '../model';
import { createExportResolver } from '../resolve/export-resolver';
import { exportedValues } from '../resolve/exported-values';
import type { ResolvedValue } from '../resolve/resolved-value';
import { applyEdits } from './edits/apply-edits';
import { decodeFileText, type FileText } from './file-text';
import { FIXABLE_CODES, type AppliedFix, type UnfixedProblem } from './fix-model';
import { planFixes, type PlannedUnit } from './plan-fixes';

export interface WorkspaceFixOptions {
  root: string;
  /** Analysis cache to read (never written here: fixed texts are not files yet). */
  cache?: ModuleCache;
}

/** One events file the fixes change. */
export interface FileFixes {
  /** Workspace-relative POSIX path. */
  file: string;
  /** The file as read: its bytes are compared again right before it is written. */
  original: FileText;
  /** The fixed text (without the BOM, which encodeFileText puts back). */
  text: string;
  fixed: AppliedFix[];
}

export interface WorkspaceFixes {
  /** The files whose text changes, sorted by path. */
  files: FileFixes[];
  /** Diagnostics of a fixable kind left, and why, positioned in the fixed texts. */
  unfixed: UnfixedProblem[];
  /** Files left as they were although fixes were planned for them, and why. */
  withheld: { file: string; reason: string }[];
  /** Every changed file's fixed text by path, for `aggregate({ texts })`. */
  texts: ReadonlyMap<string, string>;
}

/**
 * Passes of plan → apply, each on the texts the last one left, until a pass changes nothing:
 * a fix can uncover another (a CommonJS export whose name is a typo), and one whose edits
 * overlap another's waits for the next pass, so a second `--fix` finds nothing to do.
 */
export const MAX_PASSES = 8;

/**
 * Plans every certain fix of the workspace's events files (issue 8) without writing
 * anything. After each pass the workspace is checked again on the fixed texts; a file that
 * would gain an error-severity diagnostic it did not have keeps its text (a safety net: no
 * planned fix should ever do that).
 */
export async function planWorkspaceFixes(options: WorkspaceFixOptions): Promise<WorkspaceFixes> {
  const root = path.resolve(options.root);
  const config = await loadConfig(root);
  const catalog = catalogOf(config);
  const cache = options.cache ?? NO_CACHE;
  const check = (texts: ReadonlyMap<string, string>): Promise<Aggregation> => aggregate({ root, config, cache, texts });

  let current = await check(new Map());
  const allowedErrors = errorCounts(current.report.diagnostics);
  const analyzedHashes = new Map(
    [...current.analyses.values()].flatMap((analysis) => analysis.sources.map((s) => [s.file, s.sha256] as const)),
  );
  const eventsFiles = new Set(
    current.packages.flatMap((p) => (p.kind !== 'other' && p.eventsFile !== null ? [p.eventsFile] : [])),
  );
  const originals = new Map<string, FileText>();
  const withheld = new Map<string, string>();
  const withheldNotes: UnfixedProblem[] = [];
  const texts = new Map<string, string>();
  const fixed = new Map<string, AppliedFix[]>();
  let unfixed: UnfixedProblem[] = [];
  let passNotes = new Map<string, UnfixedProblem[]>();
  /** Fixes the safety net turned down, by file and what they do: later passes do not retry them. */
  const refusedUnits = new Map<string, string>();
  const withhold = (file: string, reason: string): void => {
    withheld.set(file, `${reason}, so none of them is made; please report this to velo-events`);
    withheldNotes.push(...(passNotes.get(file) ?? []));
  };

  for (let pass = 1; ; pass += 1) {
    const byFile = fixableByFile(current.report.diagnostics, eventsFiles, withheld);
    for (const file of [...byFile.keys()]) {
      if (originals.has(file)) continue;
      const original = await readOriginal(root, file, analyzedHashes.get(file));
      if (typeof original === 'string') {
        withheld.set(file, original);
        byFile.delete(file);
      } else {
        originals.set(file, original);
      }
    }
    const exports = await exportsOf(root, current.packages, [...byFile.keys()], texts, cache);

    unfixed = [...withheldNotes];
    passNotes = new Map();
    const plans = new Map<string, { text: string; units: PlannedUnit[] }>();
    for (const [file, diagnostics] of byFile) {
      const text = texts.get(file) ?? originals.get(file)!.text;
      const plan = planFixes({ file, text, diagnostics, exports: exports.get(file) ?? new Map(), catalog });
      const notes = [...plan.unfixed];
      const units = plan.units.filter((unit) => {
        const reason = refusedUnits.get(unitKey(file, unit));
        if (reason === undefined) return true;
        notes.push(...unit.diagnostics.map((d) => ({ file, line: d.line, column: d.column, code: d.code, reason })));
        return false;
      });
      unfixed.push(...notes);
      passNotes.set(file, notes);
      if (units.length > 0) plans.set(file, { text, units });
    }
    if (plans.size === 0 || pass > MAX_PASSES) break;

    // The safety net: no fix may add an error, in its own file or any other. A fix that
    // would is left out (and said why); the others are made.
    const staged = (): Map<string, string> =>
      new Map([...plans].map(([file, { text, units }]) => [file, applyEdits(text, units.flatMap((u) => u.edits))]));
    let after = await check(new Map([...texts, ...staged()]));
    let gained = filesGainingErrors(after.report.diagnostics, allowedErrors);
    if (gained.size > 0) {
      const suspects = [...plans.keys()].filter((file) => gained.has(file));
      for (const file of suspects.length > 0 ? suspects : [...plans.keys()]) {
        const { text, units } = plans.get(file)!;
        const kept: PlannedUnit[] = [];
        for (const unit of units) {
          const trial = await check(new Map([...texts, [file, applyEdits(text, unit.edits)]]));
          const added = addedError(trial.report.diagnostics, current.report.diagnostics, allowedErrors);
          if (added === null) {
            kept.push(unit);
            continue;
          }
          const where = added.file === file ? `${added.line}:${added.column}` : `${added.file}:${added.line}:${added.column}`;
          const reason = `this fix would add an error (${added.code} at ${where}: ${added.message}), so it is not made`;
          refusedUnits.set(unitKey(file, unit), reason);
          for (const d of unit.diagnostics) unfixed.push({ file, line: d.line, column: d.column, code: d.code, reason });
        }
        if (kept.length > 0) plans.set(file, { text, units: kept });
        else plans.delete(file);
      }
      after = await check(new Map([...texts, ...staged()]));
      gained = filesGainingErrors(after.report.diagnostics, allowedErrors);
      if (gained.size > 0) {
        // Each fix alone is fine but together they are not: keep this pass's files as they are.
        for (const file of plans.keys()) withhold(file, `its fixes together would add an error (${[...new Set([...gained.values()].flatMap((c) => [...c]))].join(', ')})`);
        continue;
      }
    }
    if (plans.size === 0) continue;
    for (const [file, text] of staged()) {
      texts.set(file, text);
      fixed.set(file, [...(fixed.get(file) ?? []), ...plans.get(file)!.units.flatMap((u) => u.fixed)]);
    }
    current = after;
  }

  const files = [...texts]
    .filter(([file, text]) => text !== originals.get(file)!.text)
    .map(([file, text]) => ({ file, original: originals.get(file)!, text, fixed: fixed.get(file) ?? [] }))
    .sort((a, b) => compareCodePoints(a.file, b.file));
  return {
    files,
    unfixed: unfixed.sort(
      (a, b) => compareCodePoints(a.file, b.file) || a.line - b.line || a.column - b.column || compareCodePoints(a.reason, b.reason),
    ),
    withheld: [...withheld].map(([file, reason]) => ({ file, reason })).sort((a, b) => compareCodePoints(a.file, b.file)),
    texts: new Map(files.map((f) => [f.file, f.text])),
  };
}

function unitKey(file: string, unit: PlannedUnit): string {
  return [file, ...unit.fixed.map((f) => f.description)].join('\0');
}

function fixableByFile(
  diagnostics: readonly Diagnostic[],
  eventsFiles: ReadonlySet<string>,
  withheld: ReadonlyMap<string, string>,
): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    if (!FIXABLE_CODES.has(diagnostic.code) || !eventsFiles.has(diagnostic.file) || withheld.has(diagnostic.file)) continue;
    byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
  }
  return byFile;
}

/** The file as the analysis saw it, or why it cannot be fixed now. */
async function readOriginal(root: string, file: string, analyzedSha256: string | undefined): Promise<FileText | string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(root, file));
  } catch (error) {
    return `it could not be read again (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  }
  const decoded = decodeFileText(bytes);
  if (decoded === null) return 'it is not UTF-8 text';
  if (createHash('sha256').update(decoded.text).digest('hex') !== analyzedSha256) {
    return 'it changed on disk while velo-events was reading it; run --fix again';
  }
  return decoded;
}

/** For each file, every name it exports as Velo sees it (ECMA-262 GetExportedNames) → what it is. */
async function exportsOf(
  root: string,
  packages: readonly WorkspacePackage[],
  files: readonly string[],
  texts: ReadonlyMap<string, string>,
  cache: ModuleCache,
): Promise<Map<string, Map<string, ResolvedValue | null>>> {
  const result = new Map<string, Map<string, ResolvedValue | null>>();
  if (files.length === 0) return result;
  const graph = await loadModuleGraph(root, files, sourceRootFinder(packages), inProcessAnalyzer(), cache, undefined, texts);
  const resolver = createExportResolver(graph);
  for (const file of files) result.set(file, exportedValues(resolver, file));
  return result;
}

function errorCounts(diagnostics: readonly Diagnostic[]): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const byCode = counts.get(d.file) ?? new Map<string, number>();
    byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    counts.set(d.file, byCode);
  }
  return counts;
}

/** An error diagnostic of `after` that `before` lacks, in a file that now has more of its code than allowed. */
function addedError(
  after: readonly Diagnostic[],
  before: readonly Diagnostic[],
  allowed: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Diagnostic | null {
  const gained = filesGainingErrors(after, allowed);
  if (gained.size === 0) return null;
  const known = new Set(before.map((d) => `${d.code}\0${d.message}`));
  const candidates = after.filter((d) => d.severity === 'error' && gained.get(d.file)?.has(d.code));
  return candidates.find((d) => !known.has(`${d.code}\0${d.message}`)) ?? candidates[0]!;
}

/** Files with more errors of some code than they had before any fix, with those codes. */
function filesGainingErrors(
  diagnostics: readonly Diagnostic[],
  allowed: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Map<string, Set<string>> {
  const gained = new Map<string, Set<string>>();
  for (const [file, byCode] of errorCounts(diagnostics)) {
    for (const [code, count] of byCode) {
      if (count > (allowed.get(file)?.get(code) ?? 0)) gained.set(file, (gained.get(file) ?? new Set()).add(code));
    }
  }
  return gained;
}
