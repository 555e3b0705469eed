import type { Diagnostic, Report } from '../../model';
import { printable, renderPretty } from './pretty';

function reportOf(...diagnostics: Diagnostic[]): Report {
  return { schemaVersion: 1, root: '.', sites: [], diagnostics };
}

describe('renderPretty', () => {
  it('says "did you mean" only when the message does not already', () => {
    const unsaid: Diagnostic = {
      code: 'unknown-module',
      severity: 'warning',
      file: 'missing/events.js',
      line: 2,
      column: 8,
      message: 'unknown prefix',
      suggestion: 'wixBilling_onInvoicePaid',
    };
    const said: Diagnostic = { ...unsaid, line: 3, message: 'unknown prefix. Did you mean `wixBilling_onInvoicePaid`?' };
    // The file does not exist under the root: no frames, the rest as usual.
    expect(renderPretty(reportOf(unsaid, said), { root: __dirname, color: false })).toBe(
      [
        'missing/events.js',
        '  missing/events.js:2:8  warning  unknown prefix  unknown-module',
        '    did you mean `wixBilling_onInvoicePaid`?',
        '',
        '  missing/events.js:3:8  warning  unknown prefix. Did you mean `wixBilling_onInvoicePaid`?  unknown-module',
        '',
        '→ velo-events explain unknown-module',
        '',
        '⚠ 0 errors, 2 warnings, 0 infos (0 sites, 0 handlers)',
        '',
      ].join('\n'),
    );
  });

  it('names the command that prints the rule page once per code seen, in code-point order, dimmed with colors', () => {
    const at = { severity: 'warning', file: 'missing/events.js', line: 1, column: 1, message: 'm' } as const;
    const text = renderPretty(reportOf({ ...at, code: 'unknown-module' }, { ...at, code: 'handler-arity' }, { ...at, code: 'unknown-module' }), {
      root: __dirname,
      color: true,
    });
    const footer = text.split('\n').slice(-5);
    expect(footer).toEqual([
      '\u001b[2m→ velo-events explain handler-arity\u001b[22m',
      '\u001b[2m→ velo-events explain unknown-module\u001b[22m',
      '',
      '\u001b[33m⚠ 0 errors, 3 warnings, 0 infos (0 sites, 0 handlers)\u001b[39m',
      '',
    ]);
  });

  it('prints only the summary when there is nothing to report', () => {
    expect(renderPretty(reportOf(), { root: __dirname, color: false })).toBe('✔ 0 errors, 0 warnings, 0 infos (0 sites, 0 handlers)\n');
  });

  it('escapes control characters in names', () => {
    expect(printable('a\nb\u001b[2J\u2028')).toBe('a\\u000ab\\u001b[2J\\u2028');
  });
});
