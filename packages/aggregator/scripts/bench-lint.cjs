'use strict';
// `npm run bench -- --lint`: what the ESLint plugin costs an editor. ESLint 10's API lints the
// fixture site's events.js in one warm process (as an editor's lint server does), alternately
// with ESLint alone and with @velo-events/eslint-plugin's recommended config on top, and
// prints the medians and the median of each pair's difference.
const path = require('node:path');
const { median } = require('./median.cjs');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const repo = path.resolve(__dirname, '..', '..', '..');
const TARGET_MS = 30;
const CORE_RULES = { 'no-unused-vars': 'warn', 'no-undef': 'off', 'no-redeclare': 'error', eqeqeq: 'warn', 'no-unreachable': 'error' };

async function benchLint(log, rounds) {
  const { ESLint } = require(require.resolve('eslint-v10', { paths: [repo] }));
  const plugin = require(path.join(repo, 'packages', 'eslint-plugin'));
  const base = { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, rules: CORE_RULES };
  const alone = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: [base] });
  const withPlugin = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: [base, plugin.configs['flat/recommended']] });
  const site = path.join(repo, 'packages', 'site-fixture', 'src', 'backend', 'events.js');
  const pkg = path.join(repo, 'packages', 'velo-pkg-fixture', 'backend', 'events.js');
  const saved = { [site]: fs.readFileSync(site, 'utf8'), [pkg]: fs.readFileSync(pkg, 'utf8') };

  const time = async (eslint, text, filePath) => {
    const started = performance.now();
    const [result] = await eslint.lintText(text, { filePath });
    return { ms: performance.now() - started, messages: result.messages.length };
  };
  const modes = {
    // Each keystroke: a new text, not the saved one (the file's own codes; no workspace report).
    typing: (i) => [`${saved[site]}// keystroke ${i}\n`, site],
    // Saved files, two in turn (the plugin keeps only the last answer): cross-file codes from the report cache.
    saved: (i) => (i % 2 ? [saved[pkg], pkg] : [saved[site], site]),
  };
  log(`\n== ESLint 10 (tree), one events file, warm (${rounds} alternating pairs per mode; first lints load TypeScript on the worker) ==`);
  for (const [mode, next] of Object.entries(modes)) {
    for (let i = 0; i < 5; i++) {
      await time(alone, ...next(i));
      await time(withPlugin, ...next(i));
    }
    const a = [];
    const b = [];
    for (let i = 0; i < rounds; i++) {
      const [text, file] = next(i + 5);
      // Alternating which goes first, so neither always runs on a warmer cache.
      const first = i % 2 ? withPlugin : alone;
      const one = await time(first, text, file);
      const two = await time(first === alone ? withPlugin : alone, text, file);
      (first === alone ? a : b).push(one.ms);
      (first === alone ? b : a).push(two.ms);
    }
    const diff = b.map((ms, i) => ms - a[i]);
    const verdict = median(b) <= TARGET_MS ? 'PASS' : 'FAIL';
    log(
      `${mode.padEnd(7)} ESLint alone ${median(a).toFixed(1)} ms, with the plugin ${median(b).toFixed(1)} ms ` +
        `(plugin's share, median of pairs: ${median(diff).toFixed(1)} ms)   target ≤ ${TARGET_MS} ms   ${verdict}`,
    );
  }
}

module.exports = { benchLint };
