import type { DiagnosticCode } from '../model';

/** A diagnostic a fix took care of. */
export interface AppliedFix {
  code: DiagnosticCode;
  /** What changed, for people: "renamed `a` to `b`". */
  description: string;
}

/** A diagnostic of a kind --fix handles that it left, and why (positions in the fixed text). */
export interface UnfixedProblem {
  file: string;
  line: number;
  column: number;
  code: DiagnosticCode;
  reason: string;
}

/** The diagnostic codes --fix looks at (issue 8); every other code is only reported. */
export const FIXABLE_CODES: ReadonlySet<DiagnosticCode> = new Set(['unknown-module', 'unknown-event', 'unsupported-export']);
