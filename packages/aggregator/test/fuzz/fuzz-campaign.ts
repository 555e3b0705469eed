import { deepStrictEqual } from 'node:assert';
import fc from 'fast-check';
import { builtinCatalog } from '../../src/validate/catalog';
import { analyzeInMemory } from './analyze-in-memory';
import { expectedAnalysis, type ExpectedAnalysis } from './expected-analysis';
import { fuzzCaseArbitrary, renderCase, type FuzzCase } from './export-forms';

/** What the pipeline says about a case, in the model's terms. */
export function actualAnalysis(fuzzCase: FuzzCase): ExpectedAnalysis {
  const { handlers, findings } = analyzeInMemory(renderCase(fuzzCase), 'events.js', builtinCatalog());
  return {
    table: handlers.map((h) => (h.async ? `${h.export} async` : h.export)).sort(),
    diagnostics: findings.map((f) => `${f.code} ${f.file}:${f.line}`).sort(),
  };
}

/**
 * The property: for every generated case, the analyzer's table and diagnostics are the
 * model's. A failure shows the files, so the counterexample reads as a bug report.
 */
export const analyzerAgreesWithModel = fc.property(fuzzCaseArbitrary, (fuzzCase) => {
  const actual = actualAnalysis(fuzzCase);
  const expected = expectedAnalysis(fuzzCase);
  try {
    deepStrictEqual(actual, expected);
  } catch (error) {
    const files = Object.entries(renderCase(fuzzCase))
      .map(([file, text]) => `--- ${file}\n${text.replace(/\r\n/g, '⏎\n')}`)
      .join('\n');
    throw new Error(`${(error as Error).message}\n${files}`);
  }
});

export interface CampaignOptions {
  runs: number;
  seed: number;
  /** fast-check's replay path of a failure, to rerun just that case. */
  path?: string;
}

/** Runs the property; throws fast-check's report (seed, path, shrunk case) on a failure. */
export function runCampaign(options: CampaignOptions): void {
  fc.assert(analyzerAgreesWithModel, {
    numRuns: options.runs,
    seed: options.seed,
    ...(options.path === undefined ? {} : { path: options.path }),
    endOnFailure: false,
  });
}
