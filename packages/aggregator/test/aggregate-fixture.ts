import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic, DiagnosticCode, Handler, Report, Severity } from '../src/model';

const FIXTURES = path.join(__dirname, 'fixtures', 'aggregate');

/** The folder of one mini workspace under test/fixtures/aggregate. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

const copies: string[] = [];

/**
 * A fresh copy of a fixture in the OS temp folder, for cases that write files git cannot
 * hold (binary, invalid UTF-8) or that must not depend on where the workspace lies.
 */
export async function copyFixture(name: string): Promise<string> {
  const target = await mkdtemp(path.join(os.tmpdir(), `velo-events-${name}-`));
  await cp(fixture(name), target, { recursive: true });
  copies.push(target);
  return target;
}

/** Removes every copy made by copyFixture (call from afterAll). */
export async function removeFixtureCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** One row of an event's handler list. */
export function handler(
  namespace: string,
  kind: Handler['kind'],
  exportName: string,
  file: string,
  line: number,
  column: number,
  async = false,
): Handler {
  return { namespace, kind, export: exportName, file, line, column, async };
}

/** One diagnostic, in the key order of the report. */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  file: string,
  line: number,
  column: number,
  message: string,
  suggestion?: string,
): Diagnostic {
  return { code, severity, file, line, column, message, ...(suggestion === undefined ? {} : { suggestion }) };
}

/** Unicode code-point order, written out independently of the code under test. */
function compareByCodePoint(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const right = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return (left[i] ?? 0) - (right[i] ?? 0);
  }
  return left.length - right.length;
}

/**
 * The whole report must equal `expected`. `toEqual` ignores key order, but SPEC §5 sorts
 * each site's `events` keys by code point, so the key order is compared too (and the
 * expected order is checked to be code-point order, so a slip in a test shows up here).
 */
export function expectReport(actual: Report, expected: Report): void {
  expect(actual).toEqual(expected);
  const expectedKeys = expected.sites.map((site) => Object.keys(site.events));
  for (const keys of expectedKeys) expect(keys).toEqual([...keys].sort(compareByCodePoint));
  expect(actual.sites.map((site) => Object.keys(site.events))).toEqual(expectedKeys);
}
