// @ts-check
'use strict';
// The synckit worker behind lint-file.js: ESLint rules are synchronous, velo-events' analysis is
// not (it reads files and may use threads). This thread keeps the analyzer, TypeScript and the
// workspace's per-file cache loaded between lints, which is what makes a warm lint cheap.
const { runAsWorker } = require('synckit');

/** @type {typeof import('@velo-events/aggregator/lint') | undefined} */
let lint;

runAsWorker(async (/** @type {import('@velo-events/aggregator/lint').LintEventsFileOptions} */ options) => {
  lint ??= require('@velo-events/aggregator/lint');
  return lint.lintEventsFile(options);
});
