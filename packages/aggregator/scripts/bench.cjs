#!/usr/bin/env node
'use strict';
// `npm run bench`: the performance comparison of issues 5, 15 and 24. It measures velo-events as
// users get it: both packages packed and installed into a Wix-template site
// (scripts/install-packed.cjs, offline), whose bin and TypeScript every row then uses
// (`--tree` runs this repository's own bin instead). First the installed small site's rows
// (scripts/bench-installed.cjs), then a synthetic workspace of Velo packages in a temp folder,
// with whole processes timed side by side — `check` cold and warm, TypeScript loaded alone, a
// bare TypeScript parse of the same files and a naive ts-morph pass — printing the median, the
// ratios (the median of each round's ratio) and peak RSS against the issues' targets. The
// rows of this repository's tree (--small, --lint) close a default run, labelled so.
//
// Ratios, not absolute times, are what we compare: the four commands run alternately
// (A B C D, A B C D, …) so that drift in machine load hits each of them alike.
// It is not a test (CI does not run it) and always exits 0.
//
//   node packages/aggregator/scripts/bench.cjs [--packages N] [--rounds K] [--tree]
//     [--compare N1,N2] [--commands cold,unread,warm,load,bare,naive] [--seed S] [--keep] [--lint] [--small]

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./median.cjs');

const aggregatorDir = path.resolve(__dirname, '..');
const catalogFile = path.join(aggregatorDir, 'catalog', 'catalog.json');
// What is measured: the installed package's bin and the ts-morph it loads, so the baselines
// use the same TypeScript build (main() points both at the install unless --tree).
let bin = path.join(aggregatorDir, 'bin', 'velo-events.cjs');
let tsMorphDir = path.dirname(require.resolve('ts-morph/package.json', { paths: [aggregatorDir] }));
let where = 'tree';
/** The installed bin whose event reader is stubbed out (bench-installed.cjs), for the `unread` row; null in --tree. */
let unreadBin = null;
const TIME_BIN = '/usr/bin/time';

// The targets of issue 15 ("Targets"; issue 5 set the first ones).
const TARGETS = {
  coldVsBare: 1.0,
  coldVsBareAim: 0.8,
  warmVsBare: 0.15,
  naiveVsCold: 4,
  coldRssMb: 250,
  largeColdVsBare: 1.0,
  scaleRssGrowthMb: 80,
};

const ALL_COMMANDS = ['cold', 'unread', 'warm', 'load', 'bare', 'naive'];

// ─── options ────────────────────────────────────────────────────────────────────────────

function parseOptions(argv) {
  const options = { packages: 1000, rounds: 3, compare: null, commands: ALL_COMMANDS, seed: 1, keep: false, lint: false, small: false, tree: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--packages') options.packages = positiveInt(arg, value());
    else if (arg === '--rounds') options.rounds = positiveInt(arg, value());
    else if (arg === '--seed') options.seed = positiveInt(arg, value());
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--lint') options.lint = true;
    else if (arg === '--small') options.small = true;
    else if (arg === '--tree') options.tree = true;
    else if (arg === '--compare') {
      options.compare = value().split(',').map((n) => positiveInt(arg, n));
      if (options.compare.length !== 2) throw new Error('--compare takes two sizes, e.g. --compare 1000,10000');
    } else if (arg === '--commands') {
      options.commands = value().split(',');
      const unknown = options.commands.filter((c) => !ALL_COMMANDS.includes(c));
      if (unknown.length > 0) throw new Error(`--commands: unknown ${unknown.join(', ')} (known: ${ALL_COMMANDS.join(', ')})`);
    } else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return options;
}

function positiveInt(flag, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} wants a positive integer, got ${text}`);
  return n;
}

const HELP = `Usage: npm run bench -- [options]

  --packages N        Velo packages in the generated workspace (default 1000)
  --rounds K          alternating rounds; the median of K runs is reported (default 3)
  --compare N1,N2     run both sizes and print the N2/N1 time ratio and RSS growth of cold check
  --commands LIST     subset of cold,unread,warm,load,bare,naive (default: all; unread only installed)
  --tree              run this repository's own bin, not the packed and installed package
  --seed S            generator seed (default 1); the same seed gives the same files
  --keep              keep the temp folder
  --lint              only the ESLint plugin rows (a default run ends with them): one events
                      file linted warm, with and without the plugin (--rounds × 10 pairs)
  --small             only the small-workspace rows: the installed Wix-template site's (first
                      run, no code cache, cold, warm) and this repository's fixture workspace's
                      from the tree, against node -e 0 (--rounds × 5 rounds)
`;

// ─── deterministic generation ─────────────────────────────────────────────────────────────

/** mulberry32: a tiny seeded PRNG, so every run generates byte-identical files. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickDistinct(random, items, count) {
  const pool = [...items];
  const picked = [];
  for (let i = 0; i < count; i++) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return picked;
}

/**
 * A misspelt handler name that is in no catalog entry: either the prefix loses a letter
 * (→ unknown-module) or the event does (→ unknown-event), the typos users actually make.
 */
function misspell(random, entry, known) {
  const dropLetter = (word, from) => {
    const at = from + Math.floor(random() * (word.length - from - 1));
    return word.slice(0, at) + word.slice(at + 1);
  };
  for (;;) {
    const name = random() < 0.5
      ? `${dropLetter(entry.prefix, 3)}_${entry.event}`
      : `${entry.prefix}_${dropLetter(entry.event, 3)}`;
    if (!known.has(name)) return name;
  }
}

const COLLECTIONS = ['Orders', 'Members', 'Invoices', 'Bookings', 'Products', 'Subscribers'];

/**
 * One backend/events.js of about 2.8 KB with 13 exports in the forms seen in real code: ten
 * handlers (declarations, async, arrows, a local function exported under an alias or through
 * a const, a re-export from ./helpers.js) and three non-handler exports.
 */
function renderEventsFile(random, handlers, tag) {
  const [h1, h2, h3, h4, h5, h6, h7, h8, h9, h10] = handlers;
  const collection = COLLECTIONS[Math.floor(random() * COLLECTIONS.length)];
  const retries = 2 + Math.floor(random() * 4);
  return `// Backend events of ${tag}: audit trail and follow-up jobs for ${collection}.
import wixData from 'wix-data';
import { fetch } from 'wix-fetch';
import { relay, auditEntry } from './helpers.js';

const AUDIT = '${collection}Audit';
export const RETRY_LIMIT = ${retries};
export const AUDIT_FIELDS = ['kind', 'entityId', 'at', 'source'];

export function formatSummary(entity) {
  const id = entity && entity._id ? entity._id : 'unknown';
  return '${collection}:' + id;
}

export function ${h1}(event) {
  const entry = auditEntry('${h1}', event);
  return wixData.insert(AUDIT, entry, { suppressAuth: true });
}

export async function ${h2}(event) {
  const { entity } = event;
  const existing = await wixData.query('${collection}').eq('_id', entity._id).limit(1).find();
  if (existing.items.length === 0) return;
  await wixData.update('${collection}', { ...existing.items[0], syncedAt: new Date() });
}

export const ${h3} = async (event) => {
  for (let attempt = 0; attempt < RETRY_LIMIT; attempt++) {
    const response = await fetch('https://hooks.example.com/${tag}', {
      method: 'post',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: '${h3}', summary: formatSummary(event.entity) }),
    });
    if (response.ok) return;
  }
};

export const ${h4} = (event) => wixData.insert(AUDIT, auditEntry('${h4}', event));

function ${h5.local}(event) {
  const entity = event.entity || {};
  const total = (entity.lineItems || []).reduce((sum, item) => sum + item.quantity * item.price, 0);
  return wixData.insert(AUDIT, { ...auditEntry('${h5.name}', event), total });
}
export { ${h5.local} as ${h5.name} };

async function ${h6.local}(event) {
  const results = await wixData.query(AUDIT).eq('entityId', event.entity._id).find();
  await Promise.all(results.items.map((item) => wixData.remove(AUDIT, item._id)));
}
export const ${h6.name} = ${h6.local};

export { relay as ${h7} } from './helpers.js';

export async function ${h8}(event) {
  const entry = auditEntry('${h8}', event);
  entry.note = event.metadata ? event.metadata.eventTime : null;
  await wixData.save(AUDIT, entry);
}

export function ${h9}(event) {
  return wixData.insert(AUDIT, auditEntry('${h9}', event));
}

export const ${h10} = async function (event) {
  const entry = auditEntry('${h10}', event);
  await wixData.insert(AUDIT, entry);
  return entry;
};
`;
}

function renderHelpersFile(tag) {
  return `// Shared by ${tag}'s events.js.
import wixData from 'wix-data';

export function auditEntry(kind, event) {
  const entity = event && event.entity ? event.entity : {};
  return { kind, entityId: entity._id || null, at: new Date(), source: '${tag}' };
}

export async function relay(event) {
  await wixData.insert('Relay', auditEntry('relay', event));
}
`;
}

/** Ten handler names for one file: catalog names, with a typo in about one file in four. */
function chooseHandlers(random, entries, known) {
  const chosen = pickDistinct(random, entries, 10);
  const names = chosen.map((entry) => entry.handler);
  if (random() < 0.25) {
    const at = Math.floor(random() * names.length);
    names[at] = misspell(random, chosen[at], known);
  }
  // The aliased forms need a local name that is not itself handler-shaped.
  const localName = (name) => `handle${name.split('_')[1].slice(2)}`;
  names[4] = { name: names[4], local: localName(names[4]) };
  names[5] = { name: names[5], local: `${localName(names[5])}Later` };
  return names;
}

/** Writes the workspace; returns what it wrote and the files check analyzes. */
function generateWorkspace(dir, packageCount, seed) {
  const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8'));
  const entries = catalog.filter((entry) => !entry.deprecated);
  const known = new Set(catalog.flatMap((entry) => [entry.handler, ...(entry.alternateHandlers ?? [])]));
  const random = seededRandom(seed);
  const stats = { files: 0, bytes: 0, eventsBytes: 0, analyzed: [] };
  const write = (relative, text) => {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    stats.files += 1;
    stats.bytes += Buffer.byteLength(text);
  };
  const writeBackend = (backendDir, tag) => {
    const events = renderEventsFile(random, chooseHandlers(random, entries, known), tag);
    write(`${backendDir}/events.js`, events);
    write(`${backendDir}/helpers.js`, renderHelpersFile(tag));
    stats.eventsBytes += Buffer.byteLength(events);
    stats.analyzed.push(path.join(dir, backendDir, 'events.js'), path.join(dir, backendDir, 'helpers.js'));
  };

  write('package.json', json({ name: 'bench-workspace', private: true, workspaces: ['packages/*'] }));
  const dependencies = {};
  for (let i = 0; i < packageCount; i++) {
    write(`packages/pkg-${i}/package.json`, json({ name: `pkg-${i}`, version: '1.0.0', private: true }));
    writeBackend(`packages/pkg-${i}/backend`, `pkg-${i}`);
    dependencies[`pkg-${i}`] = '*';
  }
  write('packages/site/package.json', json({ name: 'site', private: true, dependencies }));
  write('packages/site/wix.config.json', json({ siteId: '00000000-0000-4000-8000-000000000000', uiVersion: '6' }));
  writeBackend('packages/site/src/backend', 'site');
  return stats;
}

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// ─── the baseline scripts, written into the temp folder ──────────────────────────────────

/**
 * Only TypeScript's parser on each file: the floor the issue measures check against. It
 * loads TypeScript without a code cache (compiling it, ~125 ms here), where check loads it
 * from this machine's code cache; `load` is the same script without the parsing, so the two
 * rows tell loading from parsing.
 */
function bareParseScript(filesJson) {
  return `'use strict';
const fs = require('node:fs');
const { ts } = require(${JSON.stringify(tsMorphDir)});
const files = JSON.parse(fs.readFileSync(${JSON.stringify(filesJson)}, 'utf8'));
let statements = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  statements += ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS).statements.length;
}
process.stdout.write(statements + ' statements\\n');
`;
}

/** TypeScript loaded as the bare parse loads it, nothing parsed. */
function loadOnlyScript() {
  return `'use strict';
const { ts } = require(${JSON.stringify(tsMorphDir)});
process.stdout.write(ts.version + '\\n');
`;
}

/**
 * What a first ts-morph implementation would do. getExportedDeclarations runs after every
 * file is added: calling it after each addition re-binds the growing program (quadratic).
 */
function naiveTsMorphScript(filesJson) {
  return `'use strict';
const fs = require('node:fs');
const { Project } = require(${JSON.stringify(tsMorphDir)});
const files = JSON.parse(fs.readFileSync(${JSON.stringify(filesJson)}, 'utf8'));
const project = new Project({ compilerOptions: { allowJs: true } });
for (const file of files) project.addSourceFileAtPath(file);
let exportCount = 0;
for (const file of files) {
  if (!file.endsWith('events.js')) continue;
  exportCount += project.getSourceFileOrThrow(file).getExportedDeclarations().size;
}
process.stdout.write(exportCount + ' exports\\n');
`;
}

// ─── measuring one child process ─────────────────────────────────────────────────────────

const hasTimeBin = fs.existsSync(TIME_BIN);

/**
 * Runs `node args…` with stdout discarded; returns wall seconds, peak RSS in MB and the
 * exit status. Peak RSS comes from /usr/bin/time -v (written to a file with -o so it does
 * not mix with the child's stderr); without it, a --require'd hook writes the child's own
 * process.resourceUsage().maxRSS on exit (it covers worker threads: they share the process).
 */
function measure(nodeArgs, scratch) {
  const rssFile = path.join(scratch, 'rss.txt');
  fs.rmSync(rssFile, { force: true });
  const command = hasTimeBin
    ? [TIME_BIN, ['-v', '-o', rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ['--require', path.join(scratch, 'max-rss-hook.cjs'), ...nodeArgs]];
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0], command[1], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, RSS_FILE: rssFile, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, rssMb: readPeakRssMb(rssFile), status: result.status, signal: result.signal, stderr: String(result.stderr ?? '') };
}

function readPeakRssMb(rssFile) {
  if (!fs.existsSync(rssFile)) return NaN;
  const text = fs.readFileSync(rssFile, 'utf8');
  const kb = hasTimeBin ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]) : Number(text);
  return kb / 1024;
}

const MAX_RSS_HOOK = `'use strict';
process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS));
});
`;

/** Does this build of check know the cache flags? The lead adds them while this exists. */
function checkSupportsCache() {
  const result = spawnSync(process.execPath, [bin, 'check', '--help'], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.includes('--no-cache');
}

// ─── one benchmark at one size ───────────────────────────────────────────────────────────

function defineCommands(workspace, scratch, cacheSupported, selected) {
  const check = [bin, 'check', '--root', workspace, '--format', 'json'];
  // Without cache support both rows run plain check; the label says so rather than claim a flag.
  const all = {
    cold: {
      label: cacheSupported ? 'cold   check --no-cache' : 'cold   check (no cache support yet)',
      args: cacheSupported ? [...check, '--no-cache'] : check,
      okStatus: [0, 1],
    },
    unread: {
      label: 'unread check --no-cache, event reader stubbed out',
      args: [unreadBin, 'check', '--root', workspace, '--format', 'json', '--no-cache'],
      okStatus: [0, 1],
    },
    warm: {
      label: cacheSupported ? 'warm   check, cache filled' : 'warm   check (no cache support yet)',
      args: check,
      okStatus: [0, 1],
    },
    load: { label: 'load   TypeScript only (no code cache)', args: [path.join(scratch, 'load-only.cjs')], okStatus: [0] },
    bare: { label: 'bare   load + ts.createSourceFile per file', args: [path.join(scratch, 'bare-parse.cjs')], okStatus: [0] },
    naive: { label: 'naive  ts-morph Project + getExportedDeclarations', args: [path.join(scratch, 'naive-ts-morph.cjs')], okStatus: [0] },
  };
  // Only an installed run has a stubbed twin.
  return selected.filter((key) => key !== 'unread' || unreadBin !== null).map((key) => ({ key, ...all[key], runs: [], failure: null }));
}

/** Fills the cache for `warm` and shows the report is real (diagnostics exist). */
function fillCacheAndSummarize(workspace) {
  const result = spawnSync(process.execPath, [bin, 'check', '--root', workspace, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  try {
    const report = JSON.parse(result.stdout);
    const byCode = {};
    for (const diagnostic of report.diagnostics ?? []) byCode[diagnostic.code] = (byCode[diagnostic.code] ?? 0) + 1;
    const summary = Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, n]) => `${code} ${n}`).join(', ');
    return `check exit ${result.status}; diagnostics: ${summary || 'none'}`;
  } catch (error) {
    return `check exit ${result.status}; output is not JSON (${error.message}); stderr: ${result.stderr.slice(0, 500)}`;
  }
}

function runRounds(commands, rounds, scratch) {
  for (let round = 1; round <= rounds; round++) {
    const parts = [];
    for (const command of commands) {
      if (command.failure) continue;
      const run = measure(command.args, scratch);
      if (!command.okStatus.includes(run.status)) {
        command.failure = `exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(-5).join(' | ')}`;
        parts.push(`${command.key} FAILED`);
        continue;
      }
      command.runs.push(run);
      parts.push(`${command.key} ${run.seconds.toFixed(2)}s ${run.rssMb.toFixed(0)}MB`);
    }
    log(`  round ${round}/${rounds}: ${parts.join('  ')}`);
  }
}

function summarize(command) {
  if (command.runs.length === 0) return null;
  const seconds = command.runs.map((r) => r.seconds);
  return {
    median: median(seconds),
    min: Math.min(...seconds),
    max: Math.max(...seconds),
    // The worst run, not the median: the RSS target is a ceiling.
    peakRssMb: Math.max(...command.runs.map((r) => r.rssMb)),
  };
}

function benchOneSize(options, packageCount) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'velo-events-bench-'));
  const workspace = path.join(scratch, 'workspace');
  try {
    log(`\n== ${packageCount} Velo packages + 1 site, seed ${options.seed}, ${where === 'tree' ? "this repository's bin (--tree)" : 'the installed bin'} ==`);
    const startedGenerating = process.hrtime.bigint();
    const stats = generateWorkspace(workspace, packageCount, options.seed);
    const filesJson = path.join(scratch, 'files.json');
    fs.writeFileSync(filesJson, JSON.stringify(stats.analyzed));
    fs.writeFileSync(path.join(scratch, 'bare-parse.cjs'), bareParseScript(filesJson));
    fs.writeFileSync(path.join(scratch, 'naive-ts-morph.cjs'), naiveTsMorphScript(filesJson));
    fs.writeFileSync(path.join(scratch, 'load-only.cjs'), loadOnlyScript());
    fs.writeFileSync(path.join(scratch, 'max-rss-hook.cjs'), MAX_RSS_HOOK);
    const eventsCount = stats.analyzed.length / 2;
    log(`workspace: ${workspace}`);
    log(
      `generated ${stats.files} files, ${stats.bytes.toLocaleString('en-US')} bytes in ` +
        `${(Number(process.hrtime.bigint() - startedGenerating) / 1e9).toFixed(1)}s; ` +
        `${stats.analyzed.length} analyzed (${eventsCount} events.js of ${(stats.eventsBytes / eventsCount / 1024).toFixed(2)} KB avg + their helpers.js)`,
    );

    const cacheSupported = checkSupportsCache();
    if (!cacheSupported) log('check --help lists no --no-cache: cold and warm both run plain check (no cache support yet)');
    const commands = defineCommands(workspace, scratch, cacheSupported, options.commands);
    // Always: it also fills this machine's code cache, which every cold run after it uses.
    log(`warm-up (fills the caches): ${fillCacheAndSummarize(workspace)}`);
    // The stubbed install's own code cache, filled the same way.
    if (unreadBin !== null) spawnSync(process.execPath, [unreadBin, 'check', '--root', workspace, '--format', 'json', '--no-cache'], { stdio: 'ignore' });
    log(`peak RSS from ${hasTimeBin ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS (no /usr/bin/time)'}`);
    log(`${options.rounds} alternating rounds: ${commands.map((c) => c.key).join(' → ')}`);
    runRounds(commands, options.rounds, scratch);

    const results = Object.fromEntries(commands.map((c) => [c.key, { ...c, summary: summarize(c) }]));
    printTable(results, stats.analyzed.length);
    printTargets(results, cacheSupported);
    return { packageCount, results, cacheSupported, files: stats.analyzed.length };
  } finally {
    if (options.keep) log(`kept ${scratch}`);
    else {
      fs.rmSync(scratch, { recursive: true, force: true });
      log(`removed ${scratch}`);
    }
  }
}

// ─── printing ────────────────────────────────────────────────────────────────────────────

function log(line) {
  process.stdout.write(`${line}\n`);
}

function printTable(results, fileCount) {
  const bare = results.bare?.summary;
  const rows = [['command', 'median s', 'min s', 'max s', 'ms/file', 'peak RSS MB', '× bare']];
  for (const result of Object.values(results)) {
    const s = result.summary;
    if (!s) {
      rows.push([result.label, 'FAILED', '', '', '', '', '']);
      continue;
    }
    rows.push([
      result.label,
      s.median.toFixed(2),
      s.min.toFixed(2),
      s.max.toFixed(2),
      ((s.median * 1000) / fileCount).toFixed(3),
      s.peakRssMb.toFixed(0),
      bare ? `${(s.median / bare.median).toFixed(2)}×` : '',
    ]);
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  log('');
  for (const [i, row] of rows.entries()) {
    log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '));
    if (i === 0) log(widths.map((w) => '─'.repeat(w)).join('  '));
  }
  for (const result of Object.values(results)) {
    if (result.failure) log(`  ${result.key} failed: ${result.failure}`);
  }
}

function verdict(value, limit) {
  return value <= limit ? 'PASS' : 'FAIL';
}

/**
 * The median of the per-round ratios: each round runs the commands back to back, so a
 * round when the machine is slow is slow for both, and the ratio within it still holds.
 * The ratio of the two medians can pair a fast round of one with a slow round of the other.
 */
function pairedRatio(results, key, baseKey) {
  const runs = results[key]?.runs ?? [];
  const base = results[baseKey]?.runs ?? [];
  const ratios = runs.slice(0, base.length).map((run, i) => run.seconds / base[i].seconds);
  return ratios.length > 0 ? median(ratios) : null;
}

function printTargets(results, cacheSupported) {
  const s = (key) => results[key]?.summary;
  const note = cacheSupported ? '' : '  (no cache support yet)';
  const ratioLine = (label, key, target, aim) => {
    const paired = pairedRatio(results, key, 'bare');
    const ofMedians = s(key).median / s('bare').median;
    log(
      `${label}   ${paired.toFixed(2)}× (median of the rounds' ratios; ratio of medians ${ofMedians.toFixed(2)}×)   ` +
        `target ≤ ${target.toFixed(2)}×${aim ? ` (aim ${aim}×)` : ''}   ${verdict(paired, target)}${note}`,
    );
  };
  log('');
  if (s('load') && s('bare')) {
    log(
      `bare = load ${s('load').median.toFixed(2)}s + parse ${(s('bare').median - s('load').median).toFixed(2)}s (medians); bare and load compile ` +
        'TypeScript with no code cache, cold and warm load it from the code cache this machine made',
    );
  }
  if (s('cold') && s('bare')) ratioLine('cold / bare parse', 'cold', TARGETS.coldVsBare, TARGETS.coldVsBareAim);
  if (s('warm') && s('bare')) ratioLine('warm / bare parse', 'warm', TARGETS.warmVsBare, null);
  if (s('cold') && s('unread')) {
    const paired = pairedRatio(results, 'cold', 'unread');
    const { eventReads } = require('./bench-installed.cjs').TARGETS;
    log(`event-field check: cold / unread   ${paired.toFixed(2)}× (median of the rounds' ratios)   target ≤ ${eventReads.toFixed(2)}×   ${verdict(paired, eventReads)}`);
  }
  if (s('cold')) {
    const mb = s('cold').peakRssMb;
    log(`cold peak RSS       ${mb.toFixed(0)} MB   target ≤ ${TARGETS.coldRssMb} MB   ${verdict(mb, TARGETS.coldRssMb)}${note}`);
  }
  if (s('naive') && s('cold')) {
    const ratio = 1 / pairedRatio(results, 'cold', 'naive');
    log(`naive / cold        ${ratio.toFixed(2)}× (median of the rounds' ratios)   target ≥ ${TARGETS.naiveVsCold}×   ${ratio >= TARGETS.naiveVsCold ? 'PASS' : 'FAIL'}`);
  }
}

function printComparison(small, large) {
  const a = small.results.cold?.summary;
  const b = large.results.cold?.summary;
  log(`\n== scaling ${small.packageCount} → ${large.packageCount} packages (cold check) ==`);
  if (!a || !b) {
    log('cold check did not run at both sizes; nothing to compare');
    return;
  }
  const growth = b.peakRssMb - a.peakRssMb;
  const note = large.cacheSupported ? '' : '  (no cache support yet)';
  log(`files              ${small.files} → ${large.files} (${(large.files / small.files).toFixed(2)}×)`);
  log(`time ratio         ${(b.median / a.median).toFixed(2)}× (${a.median.toFixed(2)}s → ${b.median.toFixed(2)}s)`);
  const largeVsBare = large.results.bare?.summary ? pairedRatio(large.results, 'cold', 'bare') : null;
  if (largeVsBare !== null) {
    log(`${large.packageCount}: cold / bare   ${largeVsBare.toFixed(2)}× (median of the rounds' ratios)   target ≤ ${TARGETS.largeColdVsBare.toFixed(2)}×   ${verdict(largeVsBare, TARGETS.largeColdVsBare)}${note}`);
  }
  log(`peak RSS growth    ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB (${a.peakRssMb.toFixed(0)} → ${b.peakRssMb.toFixed(0)} MB)   target ≤ +${TARGETS.scaleRssGrowthMb} MB   ${verdict(growth, TARGETS.scaleRssGrowthMb)}${note}`);
  log(`${large.packageCount}: peak RSS   ${b.peakRssMb.toFixed(0)} MB   target ≤ ${TARGETS.coldRssMb} MB   ${verdict(b.peakRssMb, TARGETS.coldRssMb)}${note}`);
}

/** A stale dist measures yesterday's code: say so rather than print misleading numbers. */
function warnIfDistIsStale() {
  const built = path.join(aggregatorDir, 'dist', 'cli', 'main.js');
  if (!fs.existsSync(built)) throw new Error(`no build at ${built}; run: npx tsc -p packages/aggregator/tsconfig.lib.json`);
  const builtAt = fs.statSync(built).mtimeMs;
  const newer = fs
    .readdirSync(path.join(aggregatorDir, 'src'), { recursive: true })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .filter((file) => fs.statSync(path.join(aggregatorDir, 'src', file)).mtimeMs > builtAt);
  if (newer.length > 0) {
    log(`warning: dist is older than ${newer.length} source file(s) (e.g. src/${newer[0]}); rebuild with npx tsc -p packages/aggregator/tsconfig.lib.json`);
  }
}

function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stdout.write(`bench: ${error.message}\n\n${HELP}`);
    return;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  log(`velo-events bench on ${os.cpus().length} CPU(s), Node ${process.version}, ts-morph ${require(path.join(tsMorphDir, 'package.json')).version}`);
  warnIfDistIsStale();
  const installed = options.tree || options.lint ? null : install();
  const unread = installed ? installUnread() : null;
  try {
    return measureAll(options, installed, unread);
  } finally {
    for (const install of [installed, unread]) {
      if (install && !options.keep) install.remove();
      else if (install) log(`kept ${install.root}`);
    }
  }
}

/** Packs both packages and installs them into a Wix-template site; from here on the rows run that install. */
function install() {
  const { installPacked } = require('./install-packed.cjs');
  const installed = installPacked({});
  bin = require('./bench-installed.cjs').installedBin(installed.siteRoot);
  tsMorphDir = path.dirname(require.resolve('ts-morph/package.json', { paths: [path.dirname(path.dirname(bin))] }));
  where = 'installed';
  log(`packed and installed into ${installed.siteRoot} (offline): pack ${installed.ms.pack} ms, npm ci ${installed.ms.install} ms`);
  return installed;
}

/** The same tarballs installed again, the event-field check's reader stubbed out: the `unread` rows. */
function installUnread() {
  const { installPacked } = require('./install-packed.cjs');
  const unread = require('./bench-installed.cjs').installWithoutEventReads(installPacked);
  unreadBin = require('./bench-installed.cjs').installedBin(unread.siteRoot);
  log(`installed again with the event reader stubbed out into ${unread.siteRoot} (the unread rows)`);
  return unread;
}

function measureAll(options, installed, unread) {
  if (options.lint) {
    return require('./bench-lint.cjs').benchLint(log, options.rounds * 10);
  }
  if (options.small) {
    if (installed) require('./bench-installed.cjs').benchInstalledSmall(log, installed, unread, options.rounds * 5);
    return require('./bench-small.cjs').benchSmall(log, options.rounds * 5);
  }
  if (installed) require('./bench-installed.cjs').benchInstalledSmall(log, installed, unread, options.rounds * 5);
  if (options.compare) {
    const [small, large] = options.compare.map((n) => benchOneSize(options, n));
    printComparison(small, large);
  } else {
    benchOneSize(options, options.packages);
  }
  // The small workspace's rows (issue 15) and the ESLint plugin's (issue 17) close every
  // default run; --small and --lint run them alone.
  if (options.commands === ALL_COMMANDS) {
    require('./bench-small.cjs').benchSmall(log, options.rounds * 5);
    return require('./bench-lint.cjs').benchLint(log, options.rounds * 10);
  }
}

Promise.resolve()
  .then(main)
  .catch((error) => process.stdout.write(`bench stopped: ${error && error.stack ? error.stack : error}\n`));
// Not a test: a slow or failing measurement is information, not a failure of the run.
process.exitCode = 0;
