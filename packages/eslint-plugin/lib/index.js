// @ts-check
'use strict';
const { version } = require('../package.json');
const { recommendedRules, rules } = require('./rules');

/** Exactly the events files of the workspace model; the rules confirm each against the workspace. */
const EVENTS_FILES = ['**/backend/events.js'];
const MODULE_SYNTAX = { ecmaVersion: /** @type {const} */ ('latest'), sourceType: /** @type {const} */ ('module') };

const plugin = {
  meta: { name: '@velo-events/eslint-plugin', version },
  rules,
  /** @type {Record<string, unknown>} */
  configs: {},
};

plugin.configs = {
  // ESLint 8 `.eslintrc.json`: "extends": ["plugin:@velo-events/recommended"], beside
  // Wix's "plugin:@wix/cli/recommended".
  recommended: {
    plugins: ['@velo-events'],
    overrides: [{ files: EVENTS_FILES, parserOptions: MODULE_SYNTAX, rules: recommendedRules }],
  },
  // ESLint 9/10 `eslint.config.js`: `velo.configs['flat/recommended']`, or
  // `extends: ['@velo-events/flat/recommended']` with the plugin registered (ESLint's naming
  // for a plugin that serves both config systems).
  'flat/recommended': {
    name: '@velo-events/recommended',
    files: EVENTS_FILES,
    plugins: { '@velo-events': plugin },
    languageOptions: MODULE_SYNTAX,
    rules: recommendedRules,
  },
};

module.exports = plugin;
