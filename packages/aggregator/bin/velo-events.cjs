#!/usr/bin/env node
'use strict';
// First: the modules required from here on are compiled with this machine's code cache.
require('../dist/cache/compile-cache.js').installCompileCache(process.argv.slice(2));
const fs = require('node:fs');
const path = require('node:path');
const SAME_BUILD_MS = 1000;
const { main, supportsColor, blockOnPipe, exitWhenReaderLeaves } = require(cliModule());

blockOnPipe(process.stdout);
exitWhenReaderLeaves(process.stdout);

/**
 * The CLI's bundle (scripts/bundle-cli.cjs), unless there is none or, in this repository's
 * tree, tsc has rewritten the modules since it was made: then those modules, one by one. An
 * installed package has no src/ and its files' times are those of its unpacking, in no
 * particular order, so there the bundle is always the one. Files Nx restores from its cache
 * are written within moments of each other, also in no order, while tsc alone runs for
 * seconds after a build: a main.js newer by less than a second is the same build's.
 */
function cliModule() {
  const packageRoot = path.join(__dirname, '..');
  const dist = path.join(packageRoot, 'dist', 'cli');
  const bundle = fs.statSync(path.join(dist, 'bundle.js'), { throwIfNoEntry: false });
  const fresh =
    bundle !== undefined &&
    (!fs.existsSync(path.join(packageRoot, 'src')) || bundle.mtimeMs >= fs.statSync(path.join(dist, 'main.js')).mtimeMs - SAME_BUILD_MS);
  return path.join(dist, fresh ? 'bundle.js' : 'bundle-entry.js');
}

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stdoutBytes: (bytes) => process.stdout.write(bytes),
  stderr: (text) => process.stderr.write(text),
  color: supportsColor(process.stdout, process.env),
  isTTY: process.stdout.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`velo-events: internal error — please report it:\n${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 3;
  },
);
