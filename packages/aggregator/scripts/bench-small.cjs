'use strict';
// `npm run bench -- --small`: the common case of issue 15. This repository's own fixture
// workspace (packages/site-fixture and packages/velo-pkg-fixture), checked cold
// (`check --no-cache`) and warm (`check` with its cache filled), against a bare `node -e 0`:
// what starting Node costs anyway. The three run alternately, K rounds; the ratios are the
// medians of each round's ratios.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./median.cjs');

const repo = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
const TARGETS = { cold: 3, warm: 1.5 };

function benchSmall(log, rounds) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'velo-events-bench-small-'));
  try {
    const check = [bin, 'check', '--root', repo, '--format', 'json'];
    const commands = {
      node: { label: 'node -e 0', args: ['-e', '0'] },
      cold: { label: 'cold   check --no-cache', args: [...check, '--no-cache'] },
      warm: { label: 'warm   check, cache filled', args: [...check, '--cache-location', scratch] },
    };
    const run = ({ args }) => {
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    log(`\n== small (tree): this repository's fixture workspace run from this repository's bin, ${rounds} alternating rounds: node → cold → warm ==`);
    run(commands.warm); // fills the cache
    const times = { node: [], cold: [], warm: [] };
    for (let round = 0; round < rounds; round++) {
      for (const key of Object.keys(commands)) times[key].push(run(commands[key]));
    }
    for (const [key, { label }] of Object.entries(commands)) log(`${label.padEnd(28)} median ${median(times[key]).toFixed(0).padStart(4)} ms`);
    for (const key of ['cold', 'warm']) {
      const ratio = median(times[key].map((ms, i) => ms / times.node[i]));
      log(`small ${key} / node -e 0   ${ratio.toFixed(2)}× (median of the rounds' ratios)   target ≤ ${TARGETS[key].toFixed(1)}×   ${ratio <= TARGETS[key] ? 'PASS' : 'FAIL'}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

module.exports = { benchSmall };
