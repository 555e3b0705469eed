#!/usr/bin/env node
'use strict';
// Part of `npm run build`: writes dist/cli.v8cache, V8's code of the CLI's bundle as one
// cold check of this repository's fixture workspace leaves it (see src/cache/compile-cache.ts).
// The CLI works the same without it, only slower to start: a run that cannot make it says so
// and the build goes on.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const bin = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
const repository = path.resolve(__dirname, '..', '..', '..');
const cacheFile = path.join(__dirname, '..', 'dist', 'cli.v8cache');

for (const stale of [cacheFile, `${cacheFile}.json`]) fs.rmSync(stale, { force: true });
const run = spawnSync(process.execPath, [bin, 'check', '--root', repository, '--format', 'json', '--no-cache'], {
  env: { ...process.env, VELO_EVENTS_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if ((run.status !== 0 && run.status !== 1) || !fs.existsSync(`${cacheFile}.json`)) {
  process.stdout.write(`no dist/cli.v8cache: the check it is made from exited ${run.status ?? run.signal}: ${run.stderr.trim()}\n`);
} else {
  const modules = Object.keys(JSON.parse(fs.readFileSync(`${cacheFile}.json`, 'utf8')).modules).length;
  process.stdout.write(`wrote dist/cli.v8cache (${modules} modules)\n`);
}
