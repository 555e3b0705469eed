import { closest } from 'fastest-levenshtein';
import { UsageError } from '../base/errors';
import { readRulePage } from '../emit/read-rule-page';
import { renderCodeIndex } from '../emit/render-code-index';
import { renderRulePage } from '../emit/render-rule-page';
import { printable } from '../emit/reporters/pretty';
import { isDiagnosticCode, type DiagnosticCode } from '../model';
import { ALL_CODES } from '../validate/codes';

/**
 * `velo-events explain [code]`: the code's rule page from the installed package, or every
 * code when none is given. An unknown code is a usage error with the nearest code.
 */
export function explainCode(code: string | undefined, color: boolean): string {
  if (code === undefined) return renderCodeIndex(color);
  return renderRulePage(readRulePage(diagnosticCode(code)), color);
}

/**
 * The code as written, or as an ESLint rule (`@velo-events/shared-event`) or a SARIF rule id
 * (`velo-events/shared-event`) names it, in any case: people paste what their tool showed.
 */
function diagnosticCode(written: string): DiagnosticCode {
  const code = written.trim().toLowerCase().replace(/^@?velo-events\//, '');
  if (isDiagnosticCode(code)) return code;
  throw new UsageError(
    `unknown diagnostic code '${printable(written)}'; did you mean '${closest(code, ALL_CODES)}'? (velo-events explain lists every code)`,
  );
}
