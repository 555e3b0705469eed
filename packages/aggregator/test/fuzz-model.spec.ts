import { runCampaign } from './fuzz/fuzz-campaign';

/**
 * Issue 6 "Fuzzing": ES modules generated from a grammar of export forms (test/fuzz/
 * export-forms.ts, valid and broken) go through the pure pipeline in memory (analyze →
 * resolve → validate) and must give exactly the table and diagnostics an independent model
 * (test/fuzz/expected-analysis.ts) predicts. A new seed each run; a failure prints it, and
 * `npm run fuzz -- --seed <seed> --path <path>` replays it. `npm run fuzz` runs a longer campaign.
 */
describe('the analyzer against an independent model of export forms', () => {
  it('agrees on 10,000 generated modules', () => {
    const seed = Number(process.env['VELO_EVENTS_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
    runCampaign({ runs: 10_000, seed });
  }, 60_000);
});
