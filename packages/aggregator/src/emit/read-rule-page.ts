import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../base/package-layout';
import type { DiagnosticCode } from '../model';
import { rulePagePath } from '../validate/codes';

/** Where a code's rule page is in the installed package (never the cwd: `explain` runs anywhere). */
export function rulePageFile(code: DiagnosticCode): string {
  return path.join(PACKAGE_ROOT, ...rulePagePath(code).split('/'));
}

/**
 * A code's rule page, markdown as written. The package ships one per code
 * (test/rule-docs.spec.ts), so a page that cannot be read is our bug, not the user's.
 */
export function readRulePage(code: DiagnosticCode): string {
  const file = rulePageFile(code);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`the rule page of ${code} (${file}) cannot be read`, { cause: error });
  }
}
