'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { copyFixture } = require('./copy-fixture');

// The real `eslint` binaries, as a user runs them: ESLint 8 with `.eslintrc.json` (what a
// Wix site repository from Git integration has) and ESLint 10 with `eslint.config.js`.
const REPO = path.resolve(__dirname, '..', '..', '..');
const ESLINT_8 = path.join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js');
const ESLINT_10 = path.join(REPO, 'node_modules', 'eslint-v10', 'bin', 'eslint.js');
const VELO_EVENTS = path.join(REPO, 'packages', 'aggregator', 'bin', 'velo-events.cjs');

function run(bin, args, cwd, env = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${path.basename(bin)} exited ${result.status}: ${result.stderr}`);
  return { status: result.status, output: JSON.parse(result.stdout) };
}

/** ESLint's JSON output as `path:line:column severity rule message` lines, paths relative to `cwd`. */
function eslintLines(results, cwd) {
  return results.flatMap((result) =>
    result.messages.map(
      (m) => `${path.relative(cwd, result.filePath)}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warn'} ${m.ruleId} ${m.message}`,
    ),
  );
}

describe('eslint 8, a Wix site repository (.eslintrc.json beside plugin:@wix/cli/recommended)', () => {
  const site = copyFixture('wix-site');
  // The copy lives outside this repository; its plugins resolve from the site fixture here.
  const lint = () =>
    run(ESLINT_8, ['--format', 'json', '--resolve-plugins-relative-to', path.join(REPO, 'packages', 'site-fixture'), '.'], site, {
      ESLINT_USE_FLAT_CONFIG: 'false',
    });

  it('reports the events file, and only it, with check\'s messages and positions', () => {
    const { status, output } = lint();
    expect(status).toBe(1);
    expect(eslintLines(output, site)).toEqual([
      'src/backend/events.js:3:17 warn @velo-events/unknown-event `wixEcom_onOrderAproved`: the prefix `wixEcom` has no event `onOrderAproved`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?',
      'src/backend/events.js:7:1 error @velo-events/unsupported-export CommonJS export `module.exports.wixBilling_onInvoicePaid` is not supported by Velo in events.js; use ES module syntax: `export function wixBilling_onInvoicePaid(event) { … }`',
      'src/backend/events.js:11:55 warn @velo-events/handler-arity `wixMediaManager_onFileUploaded` declares 2 parameters, but Velo calls a backend event handler with one argument, `event`; the others never receive a value. Declare `wixMediaManager_onFileUploaded(event)`',
    ]);
    const events = output.find((r) => r.filePath.endsWith(path.join('src', 'backend', 'events.js')));
    expect(events.messages[0].suggestions.map((s) => s.desc)).toEqual(['renamed `wixEcom_onOrderAproved` to `wixEcom_onOrderApproved`']);
    expect(events.messages[1].fix).toBeDefined();
  });

  it('agrees with `velo-events check --format json` code for code and position for position', () => {
    const { output } = lint();
    const check = run(VELO_EVENTS, ['check', '--format', 'json', '--no-cache'], site).output;
    const fromCheck = check.diagnostics
      // Infos have no ESLint level; the recommended config leaves them off.
      .filter((d) => d.file === 'src/backend/events.js' && d.severity !== 'info')
      .map((d) => `${d.code} ${d.line}:${d.column} ${d.severity} ${d.message}`);
    const fromEslint = output
      .flatMap((r) => r.messages)
      .map((m) => `${m.ruleId.replace('@velo-events/', '')} ${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message}`);
    expect(fromEslint).toEqual(fromCheck);
    expect(fromCheck).toHaveLength(3);
  });

  it('applies the certain fix with --fix and leaves the typo to the user', () => {
    run(ESLINT_8, ['--fix', '--resolve-plugins-relative-to', path.join(REPO, 'packages', 'site-fixture'), '--format', 'json', '.'], site, {
      ESLINT_USE_FLAT_CONFIG: 'false',
    });
    expect(fs.readFileSync(path.join(site, 'src/backend/events.js'), 'utf8')).toBe(
      [
        "import { sendReceipt } from 'backend/receipts';",
        '',
        'export function wixEcom_onOrderAproved(event) {',
        '  sendReceipt(event.entity);',
        '}',
        '',
        'export function wixBilling_onInvoicePaid(event) {',
        '  return event;',
        '}',
        '',
        'export function wixMediaManager_onFileUploaded(event, context) {',
        '  return context;',
        '}',
        '',
        'export const RETRY_LIMIT = 3;',
        '',
      ].join('\n'),
    );
  });
});

describe('eslint 10, a monorepo with eslint.config.js (flat config)', () => {
  const workspace = copyFixture('workspace');
  // Outside this repository `require('@velo-events/eslint-plugin')` would not resolve.
  fs.writeFileSync(
    path.join(workspace, 'eslint.config.js'),
    `const velo = require(${JSON.stringify(path.join(REPO, 'packages', 'eslint-plugin'))});\nmodule.exports = [velo.configs['flat/recommended']];\n`,
  );

  it('reports each events file of the workspace from its root, cross-file codes included', () => {
    const { status, output } = run(ESLINT_10, ['--format', 'json', '.'], workspace);
    expect(status).toBe(1);
    expect(eslintLines(output, workspace)).toEqual([
      'packages/a_b/backend/events.js:1:1 error @velo-events/namespace-collision site shop: namespaces `acme-a_b` (packages/a_b) and `@acme/a-b` (packages/a-b) both become the identifier `acme_a_b` in generated code; rename one package',
      'sites/shop/src/backend/events.js:3:1 warn @velo-events/shared-event `wixEcom_onOrderApproved` has 2 handlers in site shop; they run in this order: 1. shop (sites/shop/src/backend/events.js:3:1), 2. @acme/loyalty (packages/loyalty/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
      "sites/shop/src/backend/events.js:4:25 warn @velo-events/event-field `event.entity`: wixEcom_onOrderApproved's event is { data, metadata }; the order is `event.data.order`",
    ]);
  });

  it('gives the same answer run from inside a site folder', () => {
    const siteDir = path.join(workspace, 'sites', 'shop');
    const { output } = run(ESLINT_10, ['--format', 'json', '--config', path.join(workspace, 'eslint.config.js'), '.'], siteDir);
    expect(eslintLines(output, workspace)).toEqual([
      'sites/shop/src/backend/events.js:3:1 warn @velo-events/shared-event `wixEcom_onOrderApproved` has 2 handlers in site shop; they run in this order: 1. shop (sites/shop/src/backend/events.js:3:1), 2. @acme/loyalty (packages/loyalty/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
      "sites/shop/src/backend/events.js:4:25 warn @velo-events/event-field `event.entity`: wixEcom_onOrderApproved's event is { data, metadata }; the order is `event.data.order`",
    ]);
  });
});
