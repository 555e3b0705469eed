#!/usr/bin/env node
'use strict';
// velo-events installed as a Wix site repository gets it: `npm pack` of
// @velo-events/aggregator and @velo-events/eslint-plugin, a site made from Wix's Git-integration
// template (package.json without "name", eslint 8, @wix/eslint-plugin-cli, .eslintrc.json,
// wix.config.json, src/backend/events.js), and the two tarballs installed there with
// `npm ci --offline`. For the installed end-to-end test (packages/installed-e2e) and the benchmark.
//
// Offline, because tests must not need the network. `npm install --offline` cannot do it: the
// repository's `npm ci` leaves tarballs in npm's cache but no package metadata ("Could not resolve
// dependency … eslint@undefined"). `npm ci` needs no metadata when the lockfile names every
// version and integrity, so this writes the site's package-lock.json itself, from the
// repository's: the closure of what the site needs, at the places Node's resolution finds it there.
//
//   node packages/aggregator/scripts/install-packed.cjs [DIR]   installs into DIR (default: a
//                                                              temp folder) and keeps it
//   require('…/install-packed.cjs').installPacked({ into, sitePackageJson, siteFiles, siteName })
//     → { root, siteRoot, bin: { veloEvents, eslint }, tarballs, ms, remove() }
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const REPO = path.resolve(__dirname, '..', '..', '..');

/** The packages a site installs from this repository, by their folder in it. */
const PACKED = [
  { name: '@velo-events/aggregator', dir: 'packages/aggregator' },
  { name: '@velo-events/eslint-plugin', dir: 'packages/eslint-plugin' },
];

/** What Wix's Git integration writes for a new site (no "name"), with velo-events added as its README says. */
const TEMPLATE_PACKAGE_JSON = {
  version: '1.0.0',
  private: true,
  scripts: { lint: 'eslint .' },
  devDependencies: { '@wix/eslint-plugin-cli': '^1.0.0', eslint: '^8.25.0' },
};

const TEMPLATE_FILES = {
  'wix.config.json': `${JSON.stringify({ siteId: '0d2c7f4e-8a51-4b3e-9f6d-2e7a1c9b5f30', uiVersion: '6' }, null, 2)}\n`,
  '.eslintrc.json': `${JSON.stringify({ root: true, extends: ['plugin:@wix/cli/recommended', 'plugin:@velo-events/recommended'] }, null, 2)}\n`,
  'src/backend/events.js': [
    "import wixData from 'wix-data';",
    "import { describeSubmission } from 'backend/forms';",
    '',
    'export async function wixCrm_onFormSubmit(event) {',
    "  await wixData.insert('FormSubmissions', { contactId: event.contactId, summary: describeSubmission(event) });",
    '}',
    '',
  ].join('\n'),
  'src/backend/forms.js': [
    'export function describeSubmission(event) {',
    '  return `${event.formName}: ${event.submissionData.length} field(s) from ${event.contactId}`;',
    '}',
    '',
  ].join('\n'),
  'src/pages/masterPage.js': ['$w.onReady(function () {', '});', ''].join('\n'),
};

/**
 * Packs, writes the site and installs. `into` is created (it must not exist yet, or be empty);
 * by default a new temp folder. It holds `packs/` (the tarballs) and `<siteName>/` (the site).
 * `sitePackageJson` fields replace the template's; `siteFiles` (path → text) are written over
 * its files. On failure everything made is removed and the error says which step failed.
 */
function installPacked({ into, siteName = 'wix-site', sitePackageJson = {}, siteFiles = {} } = {}) {
  const started = performance.now();
  const root = into === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'velo-events-installed-')) : path.resolve(into);
  const made = into === undefined || !fs.existsSync(root);
  if (!made && fs.readdirSync(root).length > 0) throw new Error(`install-packed: ${root} is not empty`);
  fs.mkdirSync(root, { recursive: true });
  const remove = () => {
    if (made) fs.rmSync(root, { recursive: true, force: true });
    else for (const child of fs.readdirSync(root)) fs.rmSync(path.join(root, child), { recursive: true, force: true });
  };
  try {
    const ms = {};
    let step = performance.now();
    const tarballs = packWorkspaces(path.join(root, 'packs'));
    ms.pack = Math.round(performance.now() - step);

    const siteRoot = path.join(root, siteName);
    const manifest = siteManifest(siteRoot, tarballs, sitePackageJson);
    writeFiles(siteRoot, { ...TEMPLATE_FILES, ...siteFiles, 'package.json': `${JSON.stringify(manifest, null, 2)}\n` });
    const lockfile = siteLockfile(manifest, siteRoot, tarballs, readRepoLockfile());
    fs.writeFileSync(path.join(siteRoot, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);

    step = performance.now();
    runNpm(['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], siteRoot, 'npm ci --offline in the site');
    ms.install = Math.round(performance.now() - step);
    ms.total = Math.round(performance.now() - started);

    const bin = {
      veloEvents: path.join(siteRoot, 'node_modules', '.bin', 'velo-events'),
      eslint: path.join(siteRoot, 'node_modules', '.bin', 'eslint'),
    };
    for (const file of Object.values(bin)) {
      if (!fs.existsSync(file)) throw new Error(`install-packed: npm ci did not link ${path.relative(siteRoot, file)}`);
    }
    return { root, siteRoot, bin, tarballs, ms, remove };
  } catch (error) {
    try {
      remove();
    } catch (cleanupError) {
      throw new AggregateError([error, cleanupError], `install-packed failed and could not remove ${root}`);
    }
    throw error;
  }
}

/** `npm pack` of the two packages into `dest`: name → { file, version, integrity }. */
function packWorkspaces(dest) {
  const bundle = path.join(REPO, 'packages', 'aggregator', 'dist', 'cli', 'bundle.js');
  if (!fs.existsSync(bundle)) {
    throw new Error(`install-packed: ${path.relative(REPO, bundle)} is missing; build the aggregator first (cd packages/aggregator && npm run build)`);
  }
  fs.mkdirSync(dest, { recursive: true });
  // --ignore-scripts: neither package has a pack script, and building is Nx's job (the test
  // target depends on ^build): a pack must not rewrite dist/ under tests that are running.
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', dest, ...PACKED.flatMap(({ name }) => ['--workspace', name])];
  const packed = JSON.parse(runNpm(args, REPO, 'npm pack'));
  const tarballs = {};
  for (const { name, version, filename, integrity } of packed) tarballs[name] = { file: path.join(dest, filename), version, integrity };
  for (const { name } of PACKED) {
    if (!tarballs[name]) throw new Error(`install-packed: npm pack made no tarball of ${name}`);
  }
  return tarballs;
}

/** The site's package.json: the template, the given fields, and the tarballs as devDependencies. */
function siteManifest(siteRoot, tarballs, fields) {
  const devDependencies = { ...TEMPLATE_PACKAGE_JSON.devDependencies, ...fields.devDependencies };
  for (const [name, { file }] of Object.entries(tarballs)) devDependencies[name] = fileSpec(siteRoot, file);
  return { ...TEMPLATE_PACKAGE_JSON, ...fields, devDependencies: sortedKeys(devDependencies) };
}

function readRepoLockfile() {
  const file = path.join(REPO, 'package-lock.json');
  const lockfile = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (lockfile.lockfileVersion !== 3 && lockfile.lockfileVersion !== 2) {
    throw new Error(`install-packed: ${file} has lockfileVersion ${lockfile.lockfileVersion}; this reads the \`packages\` map of versions 2 and 3`);
  }
  return lockfile;
}

/**
 * The site's package-lock.json (version 3). Each package the site needs is found as Node finds
 * it from its dependent's place in the repository's tree (its own node_modules, then each
 * folder above), so the repository's placement and nesting carry over; a workspace package's
 * place `packages/<dir>` becomes `node_modules/<name>` (its tarball).
 */
function siteLockfile(manifest, siteRoot, tarballs, repoLock) {
  const repoPackages = repoLock.packages;
  const packedByDir = new Map(PACKED.map((p) => [p.dir, p]));
  const packedByName = new Map(PACKED.map((p) => [p.name, p]));
  /** site place → { repoKey, entry } */
  const nodes = new Map();
  /** site place → edges out: { name, to, optional } */
  const edges = new Map();

  const sitePlace = (repoKey) => {
    for (const { dir, name } of PACKED) {
      if (repoKey === dir || repoKey.startsWith(`${dir}/`)) return `node_modules/${name}${repoKey.slice(dir.length)}`;
    }
    return repoKey;
  };
  const packedNode = ({ name, dir }) => {
    const { version, integrity, file } = tarballs[name];
    const workspace = repoPackages[dir];
    return { repoKey: dir, entry: { version, resolved: fileSpec(siteRoot, file), integrity, ...dependencyFields(workspace) } };
  };
  /** The repository's place of `name` as required from `fromKey`, or undefined. */
  const resolveInRepo = (fromKey, name) => {
    const dirs = fromKey === '' ? [''] : [fromKey, ...ancestors(fromKey)];
    for (const dir of dirs) {
      if (path.posix.basename(dir) === 'node_modules') continue;
      const key = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (repoPackages[key]) return key;
    }
    return undefined;
  };
  const visit = (place, fromRepoKey, from) => {
    if (nodes.has(place)) return;
    const entry = from.entry;
    nodes.set(place, from);
    const out = [];
    edges.set(place, out);
    const deps = [
      ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
      ...Object.keys(entry.peerDependencies ?? {}).map((name) => ({ name, optional: entry.peerDependenciesMeta?.[name]?.optional === true })),
    ];
    for (const { name, optional } of deps) {
      const target = requireFrom(fromRepoKey, name, `${place} (${fromRepoKey})`, optional);
      if (target === undefined) continue;
      out.push({ to: target.place, optional });
      visit(target.place, target.repoKey, target);
    }
  };
  /** Where `name`, required from the repository's `fromKey`, lands in the site: { place, repoKey, entry }. */
  const requireFrom = (fromKey, name, dependent, optional) => {
    const packed = packedByName.get(name);
    let key = resolveInRepo(fromKey, name);
    if (key !== undefined && repoPackages[key].link) {
      const linked = packedByDir.get(repoPackages[key].resolved);
      if (!linked) throw new Error(`install-packed: ${dependent} needs ${name}, a workspace package (${repoPackages[key].resolved}) that is not packed`);
      key = linked.dir;
    }
    if (packed && (key === undefined || key === packed.dir)) return { place: sitePlace(packed.dir), ...packedNode(packed) };
    if (key === undefined) {
      if (optional) return undefined;
      throw new Error(
        `install-packed: ${dependent} needs ${name}, which ${path.join(REPO, 'package-lock.json')} does not hold; ` +
          'add it as a devDependency of a workspace package and run `npm install` at the repository root',
      );
    }
    return { place: sitePlace(key), repoKey: key, entry: repoPackages[key] };
  };

  const rootEdges = [];
  for (const [field, dev, optional] of [
    ['dependencies', false, false],
    ['optionalDependencies', false, true],
    ['devDependencies', true, false],
  ]) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      const target = requireFrom('', name, 'the site', false);
      rootEdges.push({ to: target.place, dev, optional });
      visit(target.place, target.repoKey, target);
    }
  }

  const reach = (starts, followOptional) => {
    const seen = new Set();
    const stack = starts.filter((e) => followOptional || !e.optional).map((e) => e.to);
    while (stack.length > 0) {
      const place = stack.pop();
      if (seen.has(place)) continue;
      seen.add(place);
      for (const edge of edges.get(place)) if (followOptional || !edge.optional) stack.push(edge.to);
    }
    return seen;
  };
  const prodEdges = rootEdges.filter((e) => !e.dev);
  const prodAny = reach(prodEdges, true);
  const prodRequired = reach(prodEdges, false);
  const anyRequired = reach(rootEdges, false);

  const packages = { '': rootEntry(manifest) };
  const installScripts = [];
  for (const place of [...nodes.keys()].sort()) {
    const { entry } = nodes.get(place);
    const copy = withoutFlags(entry);
    // The flags npm writes: what `--omit=dev` / `--omit=optional` leave out, and whether a
    // package that does not fit this platform may be skipped (esbuild-style optional binaries).
    const dev = !prodAny.has(place);
    const optional = !anyRequired.has(place);
    if (dev) copy.dev = true;
    if (optional) copy.optional = true;
    if (!dev && !optional && !prodRequired.has(place)) copy.devOptional = true;
    if (copy.hasInstallScript) installScripts.push(place);
    packages[place] = copy;
  }
  if (installScripts.length > 0) {
    throw new Error(`install-packed: ${installScripts.join(', ')} ha${installScripts.length > 1 ? 've' : 's'} install scripts, which --ignore-scripts would skip`);
  }
  return { lockfileVersion: 3, requires: true, packages };
}

function rootEntry(manifest) {
  const entry = {};
  for (const field of ['name', 'version', 'dependencies', 'optionalDependencies', 'devDependencies', 'peerDependencies']) {
    if (manifest[field] !== undefined) entry[field] = manifest[field];
  }
  return entry;
}

/**
 * A workspace package's lockfile entry as an installed package's: its own dependencies, bin,
 * engines, license; not its devDependencies (npm reads them only for a project's root).
 */
function dependencyFields(entry) {
  const { name: _name, version: _version, devDependencies: _devDependencies, ...rest } = withoutFlags(entry);
  return rest;
}

function withoutFlags(entry) {
  const { dev: _dev, optional: _optional, devOptional: _devOptional, peer: _peer, extraneous: _extraneous, ...rest } = entry;
  return rest;
}

/** `a/node_modules/b/node_modules/c` → `a/node_modules/b/node_modules`, …, `a`, '' (the folders above). */
function ancestors(key) {
  const out = [];
  for (let dir = path.posix.dirname(key); ; dir = path.posix.dirname(dir)) {
    out.push(dir === '.' ? '' : dir);
    if (dir === '.') return out;
  }
}

/** A `file:` spec of `file` as npm writes one in the site's package.json and lockfile. */
function fileSpec(siteRoot, file) {
  return `file:${path.relative(siteRoot, file).split(path.sep).join('/')}`;
}

function sortedKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function writeFiles(dir, files) {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

const KEPT_NPM_VARIABLES = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig']);

/** Runs npm and returns its stdout; a failure says what was being done and what npm said. */
function runNpm(args, cwd, what) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // The npm_* variables of an enclosing `npm test` (its workspace, prefix, lifecycle) would
  // steer this npm too; which cache and user config to use still hold.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEPT_NPM_VARIABLES.has(key.toLowerCase())));
  const result = spawnSync(npm, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`install-packed: ${what}: could not run npm`, { cause: result.error });
  if (result.status !== 0) {
    // ENOTCACHED: a tarball the lockfile names is not in npm's cache, which only the
    // repository's own `npm ci` (or `npm install`) fills.
    const hint = /ENOTCACHED/.test(result.stderr) ? `\nA package is not in npm's cache; run \`npm ci\` in ${REPO} once with the network.` : '';
    throw new Error(`install-packed: ${what} (npm ${args.join(' ')}, in ${cwd}) exited ${result.status}:\n${result.stderr.trim()}${hint}`);
  }
  return result.stdout;
}

module.exports = { installPacked, TEMPLATE_FILES, TEMPLATE_PACKAGE_JSON };

if (require.main === module) {
  try {
    const { siteRoot, bin, ms } = installPacked({ into: process.argv[2] });
    process.stdout.write(`${JSON.stringify({ siteRoot, bin, ms }, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
