import { ts } from 'ts-morph';
import type { Diagnostic } from '../model';
import type { ResolvedValue } from '../resolve/resolved-value';
import type { Catalog } from '../validate/catalog';
import { editsOverlap, type TextEdit } from './edits/apply-edits';
import { buildFixUnit, type FixUnit } from './build-fix-unit';
import { lineEndingOf } from './file-text';
import { candidatesFor, type Candidate } from './fix-candidates';
import { FIXABLE_CODES, type AppliedFix, type UnfixedProblem } from './fix-model';
import { bindingRenamer } from './edits/rename-binding';
import { collectSourceNames, isBindableName } from './edits/source-names';

export interface FixInput {
  /** Workspace-relative path of the events file. */
  file: string;
  /** Its text as the analyzer read it (no BOM). */
  text: string;
  /** The report's diagnostics located in this file. */
  diagnostics: readonly Diagnostic[];
  /** Every name the file exports as Velo sees it (stars included) → its value; null when ambiguous. */
  exports: ReadonlyMap<string, ResolvedValue | null>;
  catalog: Catalog;
}

/** Fixes whose edits are made together, with the diagnostics they take care of. */
export interface PlannedUnit {
  edits: TextEdit[];
  fixed: AppliedFix[];
  diagnostics: Diagnostic[];
}

export interface FilePlan {
  /** Every fix made, in text order of the diagnostics; their edits never overlap. */
  units: PlannedUnit[];
  /** Diagnostics of a fixable kind left as they are, and why. */
  unfixed: UnfixedProblem[];
  /** Fixes whose edits overlap an earlier fix's: the next pass, on the new text, makes them. */
  deferred: number;
}

/**
 * Plans the certain fixes of one events file (issue 8), purely from its text, its
 * diagnostics and its exports. A fix that would export a name the file already exports, or
 * one that another fix also claims, is not made, and neither is the other: the user decides.
 */
export function planFixes(input: FixInput): FilePlan {
  const { file, text, exports, catalog } = input;
  const source = ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    ts.ScriptKind.JS,
  );
  const unfixed: UnfixedProblem[] = [];
  const note = ({ line, column, code }: Diagnostic, reason: string): void => {
    unfixed.push({ file, line, column, code, reason });
  };

  const candidates: Candidate[] = [];
  for (const diagnostic of input.diagnostics) {
    if (diagnostic.file !== file || !FIXABLE_CODES.has(diagnostic.code)) continue;
    // Without a suggestion the report already says there is nothing to rename to.
    if (diagnostic.code !== 'unsupported-export' && diagnostic.suggestion === undefined) continue;
    const found = candidatesFor(diagnostic, { file, source, exports, catalog });
    candidates.push(...found.candidates);
    for (const reason of found.reasons) note(diagnostic, reason);
  }

  const refused = refuseClaimConflicts(candidates, exports);
  for (const [candidate, reason] of refused) note(candidate.diagnostic, reason);
  const remaining = candidates.filter((c) => !refused.has(c));

  const names = collectSourceNames(source);
  // A new top-level name must not be declared or referred to anywhere (inner scopes included):
  // property names cannot clash with a binding, so `export { x as h } from 'pkg'` imports `x`.
  const taken = new Set([...names.references.keys(), ...candidates.flatMap((c) => c.adds)]);
  const context = {
    source,
    text,
    eol: lineEndingOf(text),
    rename: bindingRenamer(text),
    allocate: (base: string): string => {
      let name = base;
      for (let n = 2; taken.has(name) || !isBindableName(name); n += 1) name = `${base}${n}`;
      taken.add(name);
      return name;
    },
  };

  const accepted: FixUnit[] = [];
  let deferred = 0;
  for (let members of groupCandidates(remaining)) {
    let unit: FixUnit | null = null;
    while (members.length > 0) {
      const built = buildFixUnit(members, context);
      if ('refused' in built) {
        for (const member of members) note(member.diagnostic, built.refused);
        break;
      }
      const clashes = members
        .map((member) => ({ member, clash: firstClash(member, built, names.references) }))
        .filter((entry) => entry.clash !== null);
      if (clashes.length === 0) {
        unit = built;
        break;
      }
      for (const { member, clash } of clashes) {
        const { line } = source.getLineAndCharacterOfPosition(clash!.position);
        note(member.diagnostic, `\`${clash!.name}\` is already a name in this file (line ${line + 1}); a fix that declares it could change what that code refers to`);
      }
      members = members.filter((m) => !clashes.some((entry) => entry.member === m));
    }
    if (unit === null) continue;
    if (accepted.some((other) => other.edits.some((a) => unit!.edits.some((b) => editsOverlap(a, b))))) {
      deferred += unit.candidates.length;
      continue;
    }
    accepted.push(unit);
  }

  return {
    units: accepted.map((unit) => ({
      edits: unit.edits,
      fixed: unit.candidates.map((candidate, index) => ({ code: candidate.diagnostic.code, description: unit.descriptions[index]! })),
      diagnostics: [...new Set(unit.candidates.map((c) => c.diagnostic))],
    })),
    unfixed,
    deferred,
  };
}

/** Candidates that would export a name already exported, or one another candidate also claims. */
function refuseClaimConflicts(
  candidates: readonly Candidate[],
  exports: ReadonlyMap<string, ResolvedValue | null>,
): Map<Candidate, string> {
  const refused = new Map<Candidate, string>();
  const claimants = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    for (const name of candidate.adds) {
      claimants.set(name, [...(claimants.get(name) ?? []), candidate]);
      if (exports.has(name) && !candidate.removes.includes(name)) {
        const what = isTypo(candidate) ? `renaming \`${candidate.from}\` to it` : 'a second export of it';
        refused.set(candidate, `\`${name}\` is already exported from this file; ${what} would export it twice, and a module that does that does not load`);
      }
    }
  }
  for (const [name, claiming] of claimants) {
    if (claiming.length < 2) continue;
    const where = claiming.map((c) => `${c.diagnostic.line}:${c.diagnostic.column}`);
    const reason = claiming.every(isTypo)
      ? `${joinNames(claiming.map((c) => `\`${c.from}\` (${c.diagnostic.line}:${c.diagnostic.column})`))} would ${claiming.length === 2 ? 'both' : 'all'} be renamed to \`${name}\`; ${claiming.length === 2 ? 'neither' : 'none'} is renamed — rename the one you mean by hand`
      : `${claiming.length} fixes (at ${where.join(', ')}) would each export \`${name}\`; none of them is made — choose one by hand`;
    for (const candidate of claiming) if (!refused.has(candidate)) refused.set(candidate, reason);
  }
  return refused;
}

function isTypo(candidate: Candidate): candidate is Extract<Candidate, { kind: 'rename-export' | 'rename-binding' }> {
  return candidate.kind === 'rename-export' || candidate.kind === 'rename-binding';
}

function joinNames(names: string[]): string {
  return names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Every `wrap-specifier` of one export statement forms one group; every other candidate its own. */
function groupCandidates(candidates: readonly Candidate[]): Candidate[][] {
  const groups: Candidate[][] = [];
  const byStatement = new Map<ts.Node, Candidate[]>();
  for (const candidate of candidates) {
    if (candidate.kind !== 'wrap-specifier') {
      groups.push([candidate]);
      continue;
    }
    const group = byStatement.get(candidate.statement);
    if (group) group.push(candidate);
    else {
      const fresh = [candidate];
      byStatement.set(candidate.statement, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

/** A use of a name the candidate declares anew that the unit's own edits do not replace. */
function firstClash(
  candidate: Candidate,
  unit: FixUnit,
  references: ReadonlyMap<string, readonly number[]>,
): { name: string; position: number } | null {
  const binds = candidate.kind === 'wrap-specifier' ? [candidate.name] : unit.binds;
  for (const name of binds) {
    for (const position of references.get(name) ?? []) {
      const replaced = unit.edits.some((edit) => edit.start < edit.end && edit.start <= position && position < edit.end);
      if (!replaced) return { name, position };
    }
  }
  return null;
}
