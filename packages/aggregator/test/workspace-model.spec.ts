import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aggregate } from '../src/aggregate';
import type { Report } from '../src/model';
import { diagnostic, expectReport, handler } from './aggregate-fixture';
import { removeTempDirs, runCli, tempDir } from './build-fixture';

/**
 * Issue #24, parts 4, 6 and 7: what the workspace model calls a package without a name,
 * what a run says when nothing in the workspace counts, and a workspace pattern that leads
 * outside the root (shared/SPEC.md §2, §4).
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'workspace-model');
const fixture = (name: string): string => path.join(FIXTURES, name);
const shown = (dir: string): string => path.relative(process.cwd(), dir).split(path.sep).join('/');

afterAll(removeTempDirs);

/** A copy of a fixture in a fresh temp folder, under its own folder name (which names an unnamed root). */
async function copyNamed(name: string, as = name): Promise<string> {
  const root = path.join(await tempDir(name), as);
  await cp(fixture(name), root, { recursive: true });
  return root;
}

/** Writes `files` (path → text) below `root`. */
async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

async function reportOf(root: string): Promise<Report> {
  return (await aggregate({ root })).report;
}

describe('a site or package without a package.json name is named after its folder, everywhere (SPEC §2)', () => {
  const unnamedSiteReport: Report = {
    schemaVersion: 1,
    root: '.',
    sites: [
      {
        name: 'unnamed-site',
        root: '.',
        events: {
          wixCrm_onFormSubmit: {
            module: 'wix-crm-backend',
            event: 'onFormSubmit',
            handlers: [
              handler('unnamed-site', 'site', 'wixCrm_onFormSubmit', 'src/backend/events.js', 1, 1),
              handler('@acme/crm-events', 'package', 'wixCrm_onFormSubmit', 'packages/crm-events/backend/events.js', 1, 1),
            ],
          },
        },
      },
    ],
    diagnostics: [
      diagnostic(
        'shared-event',
        'warning',
        'src/backend/events.js',
        1,
        1,
        '`wixCrm_onFormSubmit` has 2 handlers in site unnamed-site; they run in this order: 1. unnamed-site (src/backend/events.js:1:1), 2. @acme/crm-events (packages/crm-events/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
      ),
    ],
  };

  it("the JSON report: Wix's Git-integration template at the root is the site unnamed-site, not .", async () => {
    const result = await runCli('check', '--root', fixture('unnamed-site'), '--format', 'json', '--no-cache');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(unnamedSiteReport);
  });

  it('list, and list --site with the folder name', async () => {
    const expected = {
      code: 0,
      stderr: '',
      stdout: [
        'unnamed-site (.)',
        '  wixCrm_onFormSubmit  wix-crm-backend',
        '    1. unnamed-site      src/backend/events.js:1:1',
        '    2. @acme/crm-events  packages/crm-events/backend/events.js:1:1',
        '',
      ].join('\n'),
    };
    expect(await runCli('list', '--root', fixture('unnamed-site'), '--no-cache')).toEqual(expected);
    expect(await runCli('list', '--root', fixture('unnamed-site'), '--site', 'unnamed-site', '--no-cache')).toEqual(expected);
  });

  it('trigger: ✔ unnamed-site:wixCrm_onFormSubmit ran', async () => {
    const result = await runCli('trigger', 'wixCrm_onFormSubmit', '--root', fixture('unnamed-site'), '--site', 'unnamed-site');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    // Durations differ from run to run.
    expect(result.stdout.replace(/ +\d+\.\d ms/g, ' … ms').split('\n')).toEqual([
      'wixCrm_onFormSubmit in site unnamed-site: 2 handlers in run order',
      '  no --payload: a sample event made from the documented type (velo-events sample wixCrm_onFormSubmit prints it)',
      '  ✔ unnamed-site:wixCrm_onFormSubmit      ran … ms',
      '  ✔ @acme/crm-events:wixCrm_onFormSubmit  ran … ms',
      'all handlers ran',
      '',
    ]);
  });

  it('build: the dispatch manifest and the dispatcher name it after its folder', async () => {
    const root = await copyNamed('unnamed-site');
    const result = await runCli('build', '--root', root, '--site', 'unnamed-site', '--no-cache');
    expect(result.code).toBe(0);
    const out = path.join(root, 'dist', 'velo-events');
    const manifest = JSON.parse(await readFile(path.join(out, 'dispatch-manifest.json'), 'utf8')) as { name: string; events: unknown };
    expect({ name: manifest.name, events: manifest.events }).toEqual({ name: 'unnamed-site', events: unnamedSiteReport.sites[0]!.events });
    expect(await readFile(path.join(out, 'site', 'src', 'backend', 'events.js'), 'utf8')).toContain(
      [
        '    ["unnamed-site:wixCrm_onFormSubmit", source0.wixCrm_onFormSubmit],',
        '    ["@acme/crm-events:wixCrm_onFormSubmit", source1.wixCrm_onFormSubmit],',
      ].join('\n'),
    );
  });

  it('the JSON report is byte-identical wherever the workspace lies while its folder keeps its name (the name is the only thing the folder gives)', async () => {
    const inPlace = JSON.stringify(await reportOf(fixture('unnamed-site')));
    const first = await copyNamed('unnamed-site');
    const second = await copyNamed('unnamed-site');
    expect(JSON.stringify(await reportOf(first))).toBe(inPlace);
    expect(JSON.stringify(await reportOf(second))).toBe(inPlace);
    // Renamed, the folder renames the site: what the user asked for by leaving the name out.
    const renamed = await copyNamed('unnamed-site', 'shop-2024');
    expect((await reportOf(renamed)).sites.map((s) => s.name)).toEqual(['shop-2024']);
  });

  it("a folder name that meets another package's name is a namespace-collision", async () => {
    expectReport(await reportOf(fixture('folder-name-collision')), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'shop',
          root: 'sites/shop',
          events: {
            wixCrm_onFormSubmit: {
              module: 'wix-crm-backend',
              event: 'onFormSubmit',
              handlers: [
                handler('shop', 'site', 'wixCrm_onFormSubmit', 'sites/shop/src/backend/events.js', 1, 1),
                handler('mailer', 'package', 'wixCrm_onFormSubmit', 'libs/mailer-lib/backend/events.js', 1, 1),
                handler('mailer', 'package', 'wixCrm_onFormSubmit', 'vendor/mailer/backend/events.js', 1, 1),
              ],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'shared-event',
          'warning',
          'sites/shop/src/backend/events.js',
          1,
          1,
          '`wixCrm_onFormSubmit` has 3 handlers in site shop; they run in this order: 1. shop (sites/shop/src/backend/events.js:1:1), 2. mailer (libs/mailer-lib/backend/events.js:1:1), 3. mailer (vendor/mailer/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
        ),
        diagnostic(
          'namespace-collision',
          'error',
          'vendor/mailer/backend/events.js',
          1,
          1,
          'site shop: vendor/mailer and libs/mailer-lib both use the namespace `mailer`; give each package a unique package.json name',
        ),
      ],
    });
  });

  it('generated code never trusts a folder name: it stays inside string literals and safe identifiers', async () => {
    const parent = await tempDir('strange-folders');
    const root = path.join(parent, 'site"]);\u2028alert(1);("');
    await write(root, {
      'package.json': JSON.stringify({ private: true, dependencies: { "lib'${x}": '*' } }),
      'wix.config.json': '{}',
      'src/backend/events.js': 'export function wixCrm_onFormSubmit(event) {}\n',
      "libs/lib'${x}/package.json": '{ "private": true }',
      "libs/lib'${x}/backend/events.js": 'export function wixCrm_onFormSubmit(event) {}\n',
    });
    const result = await runCli('build', '--root', root, '--no-cache');
    expect(result.code).toBe(0);
    const dispatcher = await readFile(path.join(root, 'dist', 'velo-events', 'site', 'src', 'backend', 'events.js'), 'utf8');
    expect(dispatcher.split('\n').slice(2)).toEqual([
      'import { dispatch } from "./velo-events/dispatch.js";',
      'import * as source0 from "./events.site.js";',
      'import * as source1 from "./velo-events/packages/lib___x_/backend/events.js";',
      'export * from "./events.site.js";',
      '',
      'export function wixCrm_onFormSubmit(event) {',
      '  return dispatch("wixCrm_onFormSubmit", event, [',
      '    ["site\\"]);\\u2028alert(1);(\\":wixCrm_onFormSubmit", source0.wixCrm_onFormSubmit],',
      '    ["lib\'${x}:wixCrm_onFormSubmit", source1.wixCrm_onFormSubmit],',
      '  ]);',
      '}',
      '',
    ]);
  });
});

describe('nothing that counts: the run says where events.js is and why it does not count (SPEC §2, Nothing found)', () => {
  const kinds =
    'a site is a package with wix.config.json (its handlers in src/backend/events.js), a Velo package one with backend/events.js or src/backend/events.js';

  const unnamedOnly = `velo-events: no site or Velo package in ${shown(fixture('unnamed-package-only'))}: ${kinds}; found src/backend/events.js (in the package at .), which does not count: its package.json has no "name", so no site can depend on it as a Velo package, and has no wix.config.json beside it, so it is no site — if it is a Wix site, add wix.config.json beside package.json (Wix's Git integration puts one there) or list "." in velo-events.config.json "sites"; if it is a Velo package, give package.json a "name"\n`;

  it.each(['check', 'check --format json', 'check --format sarif', 'list', 'build', 'trigger wixCrm_onFormSubmit'])(
    '%s: a package.json without "name" and without wix.config.json beside its src/backend/events.js is no bare success (exit 2)',
    async (command) => {
      expect(await runCli(...command.split(' '), '--root', fixture('unnamed-package-only'))).toEqual({ code: 2, stdout: '', stderr: unnamedOnly });
    },
  );

  it('near miss: with a "name" it is a Velo package (orphan-package), with wix.config.json a site', async () => {
    expectReport(await reportOf(fixture('named-package-only')), {
      schemaVersion: 1,
      root: '.',
      sites: [],
      diagnostics: [
        diagnostic(
          'orphan-package',
          'info',
          'src/backend/events.js',
          1,
          1,
          'crm-handlers has 1 event handler, which never runs: no site depends on it. Add "crm-handlers" to a site\'s package.json dependencies',
        ),
      ],
    });
    expect((await reportOf(fixture('unnamed-site'))).sites.map((s) => s.name)).toEqual(['unnamed-site']);
  });

  it('names several such packages, and events.js files that no package holds', async () => {
    const root = await tempDir('several-unnamed');
    await write(root, {
      'package.json': JSON.stringify({ private: true, workspaces: ['libs/*'] }),
      'libs/a/package.json': '{}',
      'libs/a/backend/events.js': 'export function wixCrm_onFormSubmit(event) {}\n',
      'libs/b/package.json': '{ "name": "" }',
      'libs/b/src/backend/events.js': 'export function wixCrm_onFormSubmit(event) {}\n',
      'copied/backend/events.js': 'export function wixCrm_onFormSubmit(event) {}\n',
    });
    expect(await runCli('check', '--root', root)).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: no site or Velo package in ${shown(root)}: ${kinds}; found libs/a/backend/events.js (in the package at libs/a), libs/b/src/backend/events.js (in the package at libs/b), which do not count: their package.json files have no "name", so no site can depend on them as Velo packages, and have no wix.config.json beside them, so they are no sites — for each that is a Wix site, add wix.config.json beside its package.json (Wix's Git integration puts one there) or list its folder in velo-events.config.json "sites"; for each Velo package, give its package.json a "name"; found events.js at copied/backend/events.js, which none of them holds — run with --root ${shown(root)}/copied, or name their folders in velo-events.config.json "sites" or "packages"\n`,
    });
  });

  it('with config "sites", says that the config does not list it', async () => {
    const root = await tempDir('sites-from-config');
    await write(root, {
      'package.json': '{ "private": true }',
      'velo-events.config.json': '{ "sites": ["apps/*"] }',
      'backend/events.js': 'export function wixCrm_onFormSubmit(event) {}\n',
    });
    expect((await runCli('list', '--root', root)).stderr).toBe(
      `velo-events: no site or Velo package in ${shown(root)}: ${kinds}; found backend/events.js (in the package at .), which does not count: its package.json has no "name", so no site can depend on it as a Velo package, and velo-events.config.json "sites" does not list its folder, so it is no site — if it is a Wix site, list "." in velo-events.config.json "sites"; if it is a Velo package, give package.json a "name"\n`,
    );
  });

  it('says that a Wix CLI app with no handler files is an app, where events.js handlers do not run', async () => {
    const root = await tempDir('app-only');
    await write(root, { 'package.json': '{ "name": "my-app" }', 'wix.config.json': '{ "appId": "a1b2", "projectType": "App" }' });
    const monorepo = await tempDir('apps');
    await write(monorepo, {
      'package.json': '{ "private": true, "workspaces": ["apps/*"] }',
      'apps/one/package.json': '{ "name": "one" }',
      'apps/one/wix.config.json': '{ "projectType": "App" }',
      'apps/two/package.json': '{ "name": "two" }',
      'apps/two/wix.config.json': '{ "appId": "c3" }',
    });
    const app = ' is a Wix CLI app: its wix.config.json has an `appId`, and apps handle backend events with event extensions in src/extensions/, not Velo\'s events.js';
    expect(await runCli('check', '--root', root)).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: no site or Velo package in ${shown(root)} (the project here${app}), and no events.js below it: ${kinds}; run velo-events where they are, or pass --root\n`,
    });
    expect((await runCli('check', '--root', monorepo)).stderr).toBe(
      `velo-events: no site or Velo package in ${shown(monorepo)} (apps/one, apps/two are Wix CLI apps: their wix.config.json files mark them as apps, and apps handle backend events with event extensions in src/extensions/, not Velo's events.js), and no events.js below it: ${kinds}; run velo-events where they are, or pass --root\n`,
    );
  });

  it('names a workspace pattern it left out, which may be why nothing was found', async () => {
    const root = await tempDir('only-outside');
    await write(root, { 'package.json': '{ "name": "apps", "workspaces": ["../shared/*"] }' });
    expect(await runCli('check', '--root', root)).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: no site or Velo package in ${shown(root)}, and no events.js below it: ${kinds}; run velo-events where they are, or pass --root; package.json:1:34: "workspaces" pattern "../shared/*" leads outside the workspace root, where velo-events does not look, so it is left out; run velo-events with --root at a folder that holds every package\n`,
    });
  });
});

describe('outside-root-pattern: a workspace pattern that leads outside the root is a warning, and the rest runs (SPEC §2, §4)', () => {
  const message = (key: string, pattern: string): string =>
    `"${key}" pattern "${pattern}" leads outside the workspace root, where velo-events does not look, so it is left out; run velo-events with --root at a folder that holds every package`;
  const shopOnly = (diagnostics: Report['diagnostics']): Report => ({
    schemaVersion: 1,
    root: '.',
    sites: [
      {
        name: 'shop',
        root: 'sites/shop',
        events: {
          wixCrm_onFormSubmit: {
            module: 'wix-crm-backend',
            event: 'onFormSubmit',
            handlers: [handler('shop', 'site', 'wixCrm_onFormSubmit', 'sites/shop/src/backend/events.js', 1, 1)],
          },
        },
      },
    ],
    diagnostics,
  });

  it.each<[string, Report['diagnostics']]>([
    ['outside-root-workspaces', [diagnostic('outside-root-pattern', 'warning', 'package.json', 6, 5, message('workspaces', '../shared/*'))]],
    ['outside-root-yarn', [diagnostic('outside-root-pattern', 'warning', 'package.json', 4, 43, message('workspaces.packages', '/opt/velo/*'))]],
    [
      'outside-root-pnpm',
      [
        diagnostic('outside-root-pattern', 'warning', 'pnpm-workspace.yaml', 3, 5, message('packages', '!../legacy')),
        diagnostic('outside-root-pattern', 'warning', 'pnpm-workspace.yaml', 4, 5, message('packages', '../shared/*')),
      ],
    ],
    [
      'outside-root-config',
      [
        diagnostic('outside-root-pattern', 'warning', 'velo-events.config.json', 2, 24, message('sites', '../other-sites/*')),
        diagnostic('outside-root-pattern', 'warning', 'velo-events.config.json', 4, 5, message('packages', '../shared/*')),
      ],
    ],
  ])('%s: on the file that holds it, at the pattern string', async (name, diagnostics) => {
    expectReport(await reportOf(fixture(name)), shopOnly(diagnostics));
  });

  it('near miss: patterns that stay inside once normalized (./sites/*, sites/../libs/*, libs/../libs/*) are not reported, and find their packages', async () => {
    expectReport(await reportOf(fixture('inside-root-patterns')), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'shop',
          root: 'sites/shop',
          events: {
            wixCrm_onContactCreated: {
              module: 'wix-crm-backend',
              event: 'onContactCreated',
              handlers: [handler('mail', 'package', 'wixCrm_onContactCreated', 'libs/mail/backend/events.js', 1, 1)],
            },
            wixCrm_onFormSubmit: {
              module: 'wix-crm-backend',
              event: 'onFormSubmit',
              handlers: [handler('shop', 'site', 'wixCrm_onFormSubmit', 'sites/shop/src/backend/events.js', 1, 1)],
            },
          },
        },
      ],
      diagnostics: [],
    });
  });

  describe('check shows it in every format', () => {
    const root = fixture('outside-root-workspaces');
    const check = (format: string): ReturnType<typeof runCli> => runCli('check', '--root', root, '--format', format, '--no-cache');

    it('pretty, with the line of package.json', async () => {
      expect(await check('pretty')).toEqual({
        code: 0,
        stderr: '',
        stdout: [
          'package.json',
          `  package.json:6:5  warning  ${message('workspaces', '../shared/*')}  outside-root-pattern`,
          '    > 6 |     "../shared/*"',
          '        |     ^',
          '',
          '→ velo-events explain outside-root-pattern',
          '',
          '⚠ 0 errors, 1 warning, 0 infos (1 site, 1 handler)',
          '',
        ].join('\n'),
      });
    });

    it('json', async () => {
      const result = await check('json');
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as Report).diagnostics).toEqual([
        diagnostic('outside-root-pattern', 'warning', 'package.json', 6, 5, message('workspaces', '../shared/*')),
      ]);
    });

    it('sarif', async () => {
      const result = await check('sarif');
      expect(result.code).toBe(0);
      const run = (JSON.parse(result.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: object[] }[] }).runs[0]!;
      const ruleIndex = run.tool.driver.rules.findIndex((rule) => rule.id === 'velo-events/outside-root-pattern');
      expect(ruleIndex).toBeGreaterThanOrEqual(0);
      expect(run.results).toEqual([
        {
          ruleId: 'velo-events/outside-root-pattern',
          ruleIndex,
          level: 'warning',
          message: { text: message('workspaces', '../shared/*') },
          locations: [
            { physicalLocation: { artifactLocation: { uri: 'package.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 5 } } },
          ],
        },
      ]);
    });

    it('github', async () => {
      expect(await check('github')).toEqual({
        code: 0,
        stderr: '',
        stdout: `::warning file=package.json,line=6,col=5,title=outside-root-pattern::${message('workspaces', '../shared/*')}\n`,
      });
    });
  });

  it('config rules: "off" drops it, "error" fails the check', async () => {
    const root = await copyNamed('outside-root-workspaces');
    await writeFile(path.join(root, 'velo-events.config.json'), '{ "rules": { "outside-root-pattern": "off" } }');
    expect((await reportOf(root)).diagnostics).toEqual([]);
    await writeFile(path.join(root, 'velo-events.config.json'), '{ "rules": { "outside-root-pattern": "error" } }');
    const result = await runCli('check', '--root', root, '--format', 'github', '--no-cache');
    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: `::error file=package.json,line=6,col=5,title=outside-root-pattern::${message('workspaces', '../shared/*')}\n`,
    });
  });

  it('build says it once, then builds every site; trigger runs', async () => {
    const root = await copyNamed('outside-root-workspaces');
    const out = shown(path.join(root, 'sites', 'shop', 'dist', 'velo-events'));
    expect(await runCli('build', '--root', root, '--no-cache')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'package.json',
        `  package.json:6:5  warning  ${message('workspaces', '../shared/*')}  outside-root-pattern`,
        '    > 6 |     "../shared/*"',
        '        |     ^',
        '',
        '→ velo-events explain outside-root-pattern',
        '',
        '⚠ 0 errors, 1 warning, 0 infos (1 site, 1 handler)',
        `shop: 1 event, 1 handler → ${out}/dispatch-manifest.json, ${out}/site/src/backend/events.js`,
        '',
      ].join('\n'),
    });
    const triggered = await runCli('trigger', 'wixCrm_onFormSubmit', '--root', root, '--format', 'json');
    expect(triggered.code).toBe(0);
    expect((JSON.parse(triggered.stdout) as { handlers: { label: string; status: string }[] }).handlers.map((h) => [h.label, h.status])).toEqual([
      ['shop:wixCrm_onFormSubmit', 'ran'],
    ]);
  });

  it('the report cache: a pattern added or removed is seen, though the packages stay the same', async () => {
    const root = await copyNamed('outside-root-workspaces');
    const diagnosticsNow = async (): Promise<string[]> => {
      const result = await runCli('check', '--root', root, '--format', 'json');
      return (JSON.parse(result.stdout) as Report).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    };
    const withPatterns = (workspaces: string[]): Promise<void> =>
      writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'outside-root-workspaces', private: true, workspaces }));
    expect(await diagnosticsNow()).toEqual(['package.json:6:5 outside-root-pattern']);
    await withPatterns(['sites/*']);
    expect(await diagnosticsNow()).toEqual([]);
    expect(await diagnosticsNow()).toEqual([]);
    await withPatterns(['sites/*', '../other/*']);
    expect(await diagnosticsNow()).toEqual(['package.json:1:74 outside-root-pattern']);
  });

  it('a symbolic link that leads outside is not a pattern: it is not followed, and not reported', async () => {
    const root = await copyNamed('outside-root-workspaces');
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'linked', workspaces: ['sites/*'] }));
    await symlink(fixture('outside-root-pnpm'), path.join(root, 'sites', 'elsewhere'));
    expect((await reportOf(root)).diagnostics).toEqual([]);
  });
});
