/**
 * Tests that need something from the machine (a Chromium to drive, a user other than root)
 * and cannot run without it. `unmet` says why the machine cannot run them, or is null.
 *
 * In CI (`CI` set; `.ci/run` provides what they need) an unmet requirement fails the run
 * with its reason: a green CI must not hide a path nobody tested. Elsewhere the tests are
 * skipped and the reason is written to stderr directly, because Jest drops the console
 * output of a test file whose tests were all skipped.
 */

/** Whether the tests run in CI (`CI` set, as CI services and `.ci/run` set it). */
export function runsInCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

export function describeNeeding(unmet: string | null, title: string, body: () => void): void {
  if (unmet === null) describe(title, body);
  else if (runsInCi()) describe(title, () => it('can run here', failBecause(unmet)));
  else {
    announceSkip(title, unmet);
    describe.skip(title, body);
  }
}

export function itNeeding(unmet: string | null, title: string, fn: () => Promise<void>, timeout?: number): void {
  if (unmet === null) it(title, fn, timeout);
  else if (runsInCi()) it(title, failBecause(unmet));
  else {
    announceSkip(title, unmet);
    it.skip(title, fn, timeout);
  }
}

function failBecause(unmet: string): () => never {
  return () => {
    throw new Error(`cannot run in CI (CI=${process.env['CI']}): ${unmet}`);
  };
}

function announceSkip(title: string, unmet: string): void {
  process.stderr.write(`velo-events tests: skipping "${title}": ${unmet}\n`);
}
