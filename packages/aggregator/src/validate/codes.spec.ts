import { isDiagnosticCode } from '../model';
import { ALL_CODES, CODES, explainCommand, rulePagePath } from './codes';

describe('diagnostic codes', () => {
  it('defines the codes of SPEC §4 with their default severities', () => {
    expect(Object.fromEntries(ALL_CODES.map((c) => [c, CODES[c].defaultSeverity]))).toEqual({
      'deprecated-event': 'warning',
      'duplicate-export': 'error',
      'event-field': 'warning',
      'handler-arity': 'warning',
      'ignored-events-file': 'warning',
      'misplaced-hook': 'warning',
      'namespace-collision': 'error',
      'non-handler-export': 'info',
      'not-a-function': 'error',
      'orphan-package': 'info',
      'outside-root-pattern': 'warning',
      'parse-error': 'error',
      'read-error': 'error',
      'sdk-registration': 'warning',
      'shared-event': 'warning',
      'unknown-event': 'warning',
      'unknown-module': 'warning',
      'unresolved-import': 'error',
      'unsupported-export': 'error',
    });
  });
  it("names each code's rule page inside the package and the command that prints it", () => {
    expect(rulePagePath('shared-event')).toBe('docs/rules/shared-event.md');
    expect(explainCommand('shared-event')).toBe('velo-events explain shared-event');
  });
  it('recognises codes and rejects others', () => {
    expect(isDiagnosticCode('parse-error')).toBe(true);
    expect(isDiagnosticCode('toString')).toBe(false);
  });
});
