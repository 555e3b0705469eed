// @ts-check
'use strict';
const path = require('node:path');
const { createSyncFn } = require('synckit');

/** @typedef {import('@velo-events/aggregator/lint').EventsFileLint} EventsFileLint */

/** Every events file of the workspace model ends so (shared/SPEC.md §1); others never reach the worker. */
const EVENTS_FILE_SUFFIX = `${path.sep}backend${path.sep}events.js`;

/** @type {((options: { filename: string; text: string; root?: string }) => EventsFileLint) | undefined} */
let lintSync;

/** @type {{ key: string; result: EventsFileLint } | undefined} */
let last;

/**
 * The velo-events analysis of one file, shared by every rule of one lint of it: each of the
 * plugin's rules asks, and only the first one pays. null for a file that cannot be an events
 * file, without starting the worker.
 *
 * @param {string} filename absolute, as ESLint names it
 * @param {string} text the text ESLint lints (the editor's buffer)
 * @param {string | undefined} root settings['velo-events'].root, when set
 * @returns {EventsFileLint | null}
 */
function lintFile(filename, text, root) {
  if (!path.resolve(filename).endsWith(EVENTS_FILE_SUFFIX)) return null;
  const key = `${filename}\0${root ?? ''}\0${text}`;
  if (last?.key === key) return last.result;
  lintSync ??= createSyncFn(require.resolve('./lint-worker.js'));
  const result = lintSync({ filename, text, root });
  last = { key, result };
  return result;
}

module.exports = { lintFile };
