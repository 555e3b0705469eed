// @ts-check
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { lintFile } = require('./lint-file');

/** The codes one ESLint rule each reports: every code one events file can show (shared/SPEC.md §4). */
const RULE_CODES = /** @type {const} */ ([
  'unknown-event',
  'unknown-module',
  'deprecated-event',
  'unsupported-export',
  'not-a-function',
  'duplicate-export',
  'handler-arity',
  'misplaced-hook',
  'sdk-registration',
  'event-field',
  'non-handler-export',
  'parse-error',
  'unresolved-import',
  'shared-event',
  'namespace-collision',
  'orphan-package',
]);

/**
 * Codes `check --fix` fixes with certainty: an ESLint fix. Renames are suggestions, picked by
 * hand: a handler name's typo, and a read's nearest documented field (`event-field`).
 */
const FIXABLE = new Set(['unsupported-export']);
const SUGGESTING = new Set(['unknown-event', 'unknown-module', 'event-field']);

/**
 * The codes' own facts (summary, severity, rule page) come from the aggregator, loaded when
 * ESLint first reads a rule's meta; the analysis itself runs on the worker.
 * @returns {typeof import('@velo-events/aggregator/lint')}
 */
function codes() {
  return require('@velo-events/aggregator/lint');
}

/**
 * @param {(typeof RULE_CODES)[number]} code
 * @returns {import('eslint').Rule.RuleModule}
 */
function createRule(code) {
  const definition = codes().CODES[code];
  return {
    meta: {
      type: definition.defaultSeverity === 'info' ? 'suggestion' : 'problem',
      // The rule page inside the installed aggregator: the pages are not on the web (issue #24).
      docs: { description: definition.summary, url: pathToFileURL(codes().rulePageFile(code)).href },
      fixable: FIXABLE.has(code) ? 'code' : undefined,
      hasSuggestions: SUGGESTING.has(code) ? true : undefined,
      schema: [],
      messages: {
        diagnostic: '{{message}}',
        workspace: 'velo-events cannot read this workspace: {{message}}',
        suggestion: '{{description}}',
      },
    },
    create(context) {
      const sourceCode = context.sourceCode ?? context.getSourceCode();
      const filename = context.physicalFilename ?? context.getPhysicalFilename();
      /** @type {{ root?: unknown } | undefined} */
      const settings = context.settings['velo-events'];
      const cwd = context.cwd ?? context.getCwd();
      const root = typeof settings?.root === 'string' ? path.resolve(cwd, settings.root) : undefined;
      return {
        'Program:exit'() {
          const result = lintFile(filename, sourceCode.text, root);
          if (result === null) return;
          // Said once, by the rule that stands for "this file cannot be analyzed".
          if (result.kind === 'workspace-error' && code === 'parse-error') {
            context.report({ loc: { line: 1, column: 0 }, messageId: 'workspace', data: { message: result.message } });
          }
          if (result.kind !== 'linted') return;
          for (const diagnostic of result.diagnostics) {
            if (diagnostic.code !== code) continue;
            const { fix, suggest } = diagnostic;
            context.report({
              loc: { line: diagnostic.line, column: diagnostic.column - 1 },
              messageId: 'diagnostic',
              data: { message: diagnostic.message },
              fix: fix ? (fixer) => fix.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)) : null,
              suggest: suggest
                ? [
                    {
                      messageId: 'suggestion',
                      data: { description: suggest.description },
                      fix: (fixer) => suggest.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
                    },
                  ]
                : [],
            });
          }
        },
      };
    },
  };
}

/** ESLint's level for a code's default severity: infos (never counted by check) stay off. */
function levelOf(/** @type {(typeof RULE_CODES)[number]} */ code) {
  const severity = codes().CODES[code].defaultSeverity;
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warn' : 'off';
}

const rules = Object.fromEntries(RULE_CODES.map((code) => [code, createRule(code)]));
const recommendedRules = Object.fromEntries(RULE_CODES.map((code) => [`@velo-events/${code}`, levelOf(code)]));

module.exports = { RULE_CODES, rules, recommendedRules };
