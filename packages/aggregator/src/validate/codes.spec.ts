import { isDiagnosticCode } from '../model';
import { ALL_CODES, CODES, docUrl } from './codes';

describe('diagnostic codes', () => {
  it('defines the sixteen codes of SPEC §4 with their default severities', () => {
    expect(Object.fromEntries(ALL_CODES.map((c) => [c, CODES[c].defaultSeverity]))).toEqual({
      'deprecated-event': 'warning',
      'duplicate-export': 'error',
      'handler-arity': 'warning',
      'misplaced-hook': 'warning',
      'namespace-collision': 'error',
      'non-handler-export': 'info',
      'not-a-function': 'error',
      'orphan-package': 'info',
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
  it('links each code to its rule page', () => {
    expect(docUrl('shared-event')).toMatch(/docs\/rules\/shared-event\.md$/);
  });
  it('recognises codes and rejects others', () => {
    expect(isDiagnosticCode('parse-error')).toBe(true);
    expect(isDiagnosticCode('toString')).toBe(false);
  });
});
