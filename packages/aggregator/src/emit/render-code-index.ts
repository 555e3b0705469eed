import pc from 'picocolors';
import type { Severity } from '../model';
import { ALL_CODES, CODES } from '../validate/codes';

/**
 * `velo-events explain` without a code: every diagnostic code (code-point order) with its
 * default severity and summary, and how to read one's page.
 */
export function renderCodeIndex(color: boolean): string {
  const colors = pc.createColors(color);
  const severityPaint: Record<Severity, (text: string) => string> = {
    error: colors.red,
    warning: colors.yellow,
    info: colors.cyan,
  };
  const width = Math.max(...ALL_CODES.map((code) => code.length));
  const rows = ALL_CODES.map((code) => {
    const { defaultSeverity, summary } = CODES[code];
    return `  ${colors.bold(code.padEnd(width))}  ${severityPaint[defaultSeverity](defaultSeverity.padEnd(7))}  ${summary}`;
  });
  return [
    'Diagnostic codes, with their default severity ("rules" in velo-events.config.json changes it):',
    '',
    ...rows,
    '',
    `${colors.bold('velo-events explain <code>')} prints a code's rule page.`,
    '',
  ].join('\n');
}
