#!/usr/bin/env node
'use strict';
// First: the modules required from here on are compiled with the build's code cache.
require('../dist/cache/compile-cache.js').installCompileCache();
const { main } = require('../dist/cli/main.js');
const { supportsColor } = require('../dist/cli/color-support.js');

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
