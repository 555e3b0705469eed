import type { Diagnostic, Report } from '../../model';
import { escapeData, escapeProperty, renderGithub } from './github';

function reportOf(...diagnostics: Diagnostic[]): Report {
  return { schemaVersion: 1, root: '.', sites: [], diagnostics };
}

describe('GitHub workflow command escaping (as actions/toolkit escapes)', () => {
  it('escapes %, CR and LF in data, % first so an escape is never escaped twice', () => {
    expect(escapeData('100% done\r\n::error::x')).toBe('100%25 done%0D%0A::error::x');
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('escapes : and , in properties too', () => {
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
  });

  it('puts every place and message through them', () => {
    const diagnostic: Diagnostic = {
      code: 'unknown-event',
      severity: 'warning',
      file: 'sites/a:b,c%d/src/backend/events.js',
      line: 3,
      column: 17,
      message: 'line one\nline two: 50%',
    };
    expect(renderGithub(reportOf(diagnostic))).toBe(
      '::warning file=sites/a%3Ab%2Cc%25d/src/backend/events.js,line=3,col=17,title=unknown-event::line one%0Aline two: 50%25\n',
    );
  });

  it('adds a suggestion the message does not already name', () => {
    const diagnostic: Diagnostic = {
      code: 'unknown-module',
      severity: 'info',
      file: 'events.js',
      line: 1,
      column: 1,
      message: 'unknown prefix',
      suggestion: 'wixBilling_onInvoicePaid',
    };
    expect(renderGithub(reportOf(diagnostic))).toBe(
      '::notice file=events.js,line=1,col=1,title=unknown-module::unknown prefix Did you mean `wixBilling_onInvoicePaid`?\n',
    );
  });
});
