#!/usr/bin/env node
'use strict';
// `npm start`: the main job on the fixture workspace — the report, the site's Nx build
// target (dispatch manifest + generated dispatcher, cached by Nx), the table, one event run
// locally without a hand-written payload, then the site's own `npm run lint` (ESLint 8 with
// plugin:@velo-events/recommended, as in a Wix site repo).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
const nx = require.resolve('nx/bin/nx.js', { paths: [root] });
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

// The bin, not the API: exports hides bin/, so it is found from the package.json the site resolves.
const eslint = path.join(path.dirname(require.resolve('eslint/package.json', { paths: [path.join(root, 'packages', 'site-fixture')] })), 'bin', 'eslint.js');

const run = (title, args, cwd = root) => {
  process.stdout.write(`\n$ ${title}\n`);
  return spawnSync(process.execPath, args, { cwd, stdio: 'inherit', env }).status ?? 3;
};

const statuses = [
  run('velo-events check', [bin, 'check']),
  run('nx run site-fixture:velo-events', [nx, 'run', 'site-fixture:velo-events']),
  run('velo-events list', [bin, 'list']),
  // No --payload: the run uses a sample event made from the documented type, and says so.
  run('velo-events trigger wixEcom_onOrderApproved --site site-fixture', [bin, 'trigger', 'wixEcom_onOrderApproved', '--site', 'site-fixture']),
  run('(cd packages/site-fixture && npx eslint .)', [eslint, '.'], path.join(root, 'packages', 'site-fixture')),
];
const out = 'packages/site-fixture/dist/velo-events';
process.stdout.write(
  `\nOutputs of site-fixture:\n  ${out}/dispatch-manifest.json\n  ${out}/site/src/backend/events.js   (the generated dispatcher)\n  ${out}/site/                          (the deployable copy of the site)\n`,
);
process.exitCode = Math.max(...statuses);
