import { printable } from '../emit/reporters/pretty';
import { plural } from '../emit/summary';
import type { WorkspaceFixes } from './plan-workspace-fixes';
import { renderUnifiedDiff } from './render-diff';
import type { WriteOutcome } from './write-fixed-files';

const BOM = '\uFEFF';

/** `check --fix-dry-run`: a unified diff per file, then what has no certain fix. Writes nothing. */
export function renderFixDryRun(fixes: WorkspaceFixes): string {
  const diffs = fixes.files.map((f) => {
    const bom = f.original.bom ? BOM : '';
    return renderUnifiedDiff(f.file, bom + f.original.text, bom + f.text);
  });
  const count = fixes.files.reduce((n, f) => n + f.fixed.length, 0);
  const summary = `velo-events --fix-dry-run: would fix ${plural(count, 'problem')} in ${plural(fixes.files.length, 'file')} (nothing written)${leftClause(fixes)}.`;
  return [...diffs, ...notFixedSection(fixes, ' (lines as in the fixed text)'), `${summary}\n`].join('\n');
}

/** `check --fix`: what was fixed per file, what was not written, and what has no certain fix. */
export function renderFixSummary(fixes: WorkspaceFixes, outcomes: readonly WriteOutcome[]): string {
  const written = new Set(outcomes.filter((o) => o.written).map((o) => o.file));
  const sections: string[] = [];
  const fixedFiles = fixes.files.filter((f) => written.has(f.file));
  if (fixedFiles.length > 0) {
    const lines = ['Fixed:'];
    for (const f of fixedFiles) {
      lines.push(`  ${printable(f.file)}`);
      for (const fix of f.fixed) lines.push(`    ${fix.code.padEnd(20)}${printable(fix.description)}`);
    }
    sections.push(`${lines.join('\n')}\n`);
  }
  const notWritten = outcomes.flatMap((o) => (o.written ? [] : [{ file: o.file, reason: o.reason }]));
  if (notWritten.length > 0) {
    sections.push(`Not written:\n${notWritten.map((w) => `  ${printable(w.file)}: ${printable(w.reason)}`).join('\n')}\n`);
  }
  sections.push(...notFixedSection(fixes));
  const count = fixedFiles.reduce((n, f) => n + f.fixed.length, 0);
  sections.push(`velo-events --fix: fixed ${plural(count, 'problem')} in ${plural(fixedFiles.length, 'file')}${leftClause(fixes)}.\n`);
  return sections.join('\n');
}

function notFixedSection(fixes: WorkspaceFixes, where = ''): string[] {
  const lines: string[] = [];
  for (const w of fixes.withheld) lines.push(`  ${printable(w.file)}: fixes withheld: ${printable(w.reason)}`);
  let file: string | null = null;
  for (const problem of fixes.unfixed) {
    if (problem.file !== file) {
      file = problem.file;
      lines.push(`  ${printable(file)}`);
    }
    const position = `${problem.line}:${problem.column}`.padEnd(8);
    lines.push(`    ${position}${problem.code.padEnd(20)}${printable(problem.reason)}`);
  }
  return lines.length > 0 ? [`Not fixed${where}:\n${lines.join('\n')}\n`] : [];
}

function leftClause(fixes: WorkspaceFixes): string {
  return fixes.unfixed.length > 0 ? `; ${plural(fixes.unfixed.length, 'problem')} left without a certain fix` : '';
}
