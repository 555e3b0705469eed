'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * A copy of a fixture workspace in a temp folder: the rules find the workspace root from the
 * linted file, and inside this repository they would find the repository's own. Synchronous,
 * because RuleTester cases are data made when the spec file loads.
 */
function copyFixture(name) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), `velo-events-eslint-${name}-`));
  fs.cpSync(path.join(__dirname, 'fixtures', name), copy, { recursive: true });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));
  return copy;
}

module.exports = { copyFixture };
