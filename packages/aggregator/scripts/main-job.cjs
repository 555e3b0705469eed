#!/usr/bin/env node
'use strict';
// `npm start`: the main job on the fixture workspace — the report, then each site's table.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
const run = (args) => {
  process.stdout.write(`\n$ velo-events ${args.join(' ')}\n`);
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' }).status;
};

const checked = run(['check', '--root', '.']);
const listed = run(['list', '--root', '.']);
process.exitCode = Math.max(checked ?? 3, listed ?? 3);
