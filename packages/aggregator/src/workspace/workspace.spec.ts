import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../base/errors';
import type { Finding, WorkspacePackage } from '../model';
import { loadConfig, type VeloEventsConfig } from './config';
import { IGNORED_FOLDERS } from './package-roots';
import { discoverWorkspace } from './workspace';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'workspace');
const NO_CONFIG: VeloEventsConfig = { sites: null, packages: null, order: [], rules: {}, catalog: [], stubs: null };

function discoverFixture(name: string, config: VeloEventsConfig = NO_CONFIG): Promise<WorkspacePackage[]> {
  return discoverWorkspace(path.join(FIXTURES, name), config);
}

/** The packages and what discovery reported on the way. */
async function discoverWithFindings(root: string, config: VeloEventsConfig = NO_CONFIG): Promise<{ packages: WorkspacePackage[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  const packages = await discoverWorkspace(root, config, { onFinding: (finding) => findings.push(finding) });
  return { packages, findings };
}

async function usageErrorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('discoverWorkspace: where packages come from', () => {
  it('takes npm workspaces globs (array form), honours negations, skips glob folders without package.json', async () => {
    expect(await discoverFixture('npm-workspaces-array')).toEqual([
      {
        name: 'shop',
        root: 'apps/shop',
        kind: 'site',
        eventsFile: 'apps/shop/src/backend/events.js',
        sourceRoot: 'apps/shop/src',
        dependencies: ['@acme/orders', 'lodash'],
      },
      {
        name: '@acme/orders',
        root: 'packages/orders',
        kind: 'package',
        eventsFile: 'packages/orders/backend/events.js',
        sourceRoot: 'packages/orders',
        dependencies: [],
      },
    ]);
  });

  it("takes yarn's { packages } form and prefers package.json workspaces over pnpm-workspace.yaml", async () => {
    expect(await discoverFixture('npm-workspaces-object-form')).toEqual([
      {
        name: '@acme/alerts',
        root: 'libs/alerts',
        kind: 'package',
        eventsFile: 'libs/alerts/src/backend/events.js',
        sourceRoot: 'libs/alerts/src',
        dependencies: ['@acme/format'],
      },
      {
        name: '@acme/format',
        root: 'libs/format',
        kind: 'other',
        eventsFile: null,
        sourceRoot: 'libs/format',
        dependencies: [],
      },
    ]);
  });

  it('takes pnpm-workspace.yaml packages globs with ** and negations', async () => {
    expect(await discoverFixture('pnpm-workspace')).toEqual([
      {
        name: 'main-site',
        root: 'sites/main',
        kind: 'site',
        eventsFile: 'sites/main/src/backend/events.js',
        sourceRoot: 'sites/main/src',
        dependencies: ['@velo/loyalty'],
      },
      {
        name: '@velo/reviews',
        root: 'velo/group/reviews',
        kind: 'package',
        eventsFile: 'velo/group/reviews/src/backend/events.js',
        sourceRoot: 'velo/group/reviews/src',
        dependencies: [],
      },
      {
        name: '@velo/loyalty',
        root: 'velo/loyalty',
        kind: 'package',
        eventsFile: 'velo/loyalty/backend/events.js',
        sourceRoot: 'velo/loyalty',
        dependencies: [],
      },
    ]);
  });

  it('without a workspace file takes every package.json below the root (not the plain root, not hidden folders); an unnamed package is named after its folder', async () => {
    expect(await discoverFixture('no-workspaces-config')).toEqual([
      { name: 'a', root: 'a', kind: 'other', eventsFile: null, sourceRoot: 'a', dependencies: [] },
      {
        name: 'b',
        root: 'group/b',
        kind: 'package',
        eventsFile: 'group/b/backend/events.js',
        sourceRoot: 'group/b',
        dependencies: ['a'],
      },
      {
        name: 'c',
        nameFromFolder: true,
        root: 'group/b/examples/c',
        kind: 'other',
        eventsFile: null,
        sourceRoot: 'group/b/examples/c',
        dependencies: [],
      },
    ]);
  });

  it('counts the root itself when it is a single-site Wix repo', async () => {
    expect(await discoverFixture('single-site-repo')).toEqual([
      {
        name: 'my-site',
        root: '.',
        kind: 'site',
        eventsFile: 'src/backend/events.js',
        sourceRoot: 'src',
        dependencies: ['@wix/stores'],
      },
    ]);
  });

  it('counts a root without package.json that holds backend/events.js (code copied out of the editor) as one site named after its folder', async () => {
    expect(await discoverFixture('copied-backend')).toEqual([
      { name: 'copied-backend', nameFromFolder: true, root: '.', kind: 'site', eventsFile: 'backend/events.js', sourceRoot: '.', dependencies: [] },
    ]);
    expect(await discoverFixture('copied-src')).toEqual([
      { name: 'copied-src', nameFromFolder: true, root: '.', kind: 'site', eventsFile: 'src/backend/events.js', sourceRoot: 'src', dependencies: [] },
    ]);
  });

  it('keeps globs that stay inside the root once normalized (./packages/*, packages/../packages/*)', async () => {
    expect(await discoverFixture('inside-after-normalizing')).toEqual([
      { name: 'a', root: 'packages/a', kind: 'package', eventsFile: 'packages/a/backend/events.js', sourceRoot: 'packages/a', dependencies: [] },
    ]);
  });

  it('counts the root site next to its workspace packages', async () => {
    expect(await discoverFixture('root-site-with-workspaces')).toEqual([
      {
        name: 'storefront',
        root: '.',
        kind: 'site',
        eventsFile: 'src/backend/events.js',
        sourceRoot: 'src',
        dependencies: ['@storefront/helpers'],
      },
      {
        name: '@storefront/helpers',
        root: 'packages/helpers',
        kind: 'package',
        eventsFile: 'packages/helpers/backend/events.js',
        sourceRoot: 'packages/helpers',
        dependencies: [],
      },
    ]);
  });

  it('counts the root itself when it is a single Velo package', async () => {
    expect(await discoverFixture('root-velo-package')).toEqual([
      {
        name: '@velo/single-package',
        root: '.',
        kind: 'package',
        eventsFile: 'backend/events.js',
        sourceRoot: '.',
        dependencies: [],
      },
    ]);
  });

  it('gives the same list wherever the workspace lies on disk', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'velo-events-discover-'));
    try {
      await cp(path.join(FIXTURES, 'transitive-membership'), copy, { recursive: true });
      expect(await discoverWorkspace(copy, NO_CONFIG)).toEqual(await discoverFixture('transitive-membership'));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe('discoverWorkspace: a package without a package.json name is named after its folder, never "."', () => {
  it("names the root after its folder (Wix's Git-integration site template has no name), a package below after its own", async () => {
    expect(await discoverFixture('git-template-site')).toEqual([
      {
        name: 'git-template-site',
        nameFromFolder: true,
        root: '.',
        kind: 'site',
        eventsFile: 'src/backend/events.js',
        sourceRoot: 'src',
        dependencies: [],
      },
      {
        name: 'lib',
        nameFromFolder: true,
        root: 'packages/lib',
        kind: 'package',
        eventsFile: 'packages/lib/backend/events.js',
        sourceRoot: 'packages/lib',
        dependencies: [],
      },
    ]);
  });

  it('names the root after the --root folder wherever it lies, the one name that depends on where', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'velo-events-folder-name-'));
    try {
      const root = path.join(parent, 'my shop "2"');
      await cp(path.join(FIXTURES, 'git-template-site'), root, { recursive: true });
      const [site] = await discoverWorkspace(root, NO_CONFIG);
      expect(site).toEqual(expect.objectContaining({ name: 'my shop "2"', nameFromFolder: true, root: '.' }));
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('names a package reached through a symbolic link after the folder the link leads to', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'velo-events-linked-package-'));
    try {
      await writeFile(path.join(workspace, 'package.json'), JSON.stringify({ name: 'linked', workspaces: ['packages/alias'] }));
      await mkdir(path.join(workspace, 'packages', 'real-folder', 'backend'), { recursive: true });
      await writeFile(path.join(workspace, 'packages', 'real-folder', 'package.json'), '{ "private": true }');
      await writeFile(path.join(workspace, 'packages', 'real-folder', 'backend', 'events.js'), 'export function wixCrm_onFormSubmit(event) {}\n');
      await symlink('real-folder', path.join(workspace, 'packages', 'alias'));
      expect(await discoverWorkspace(workspace, NO_CONFIG)).toEqual([
        {
          name: 'real-folder',
          nameFromFolder: true,
          root: 'packages/alias',
          kind: 'package',
          eventsFile: 'packages/alias/backend/events.js',
          sourceRoot: 'packages/alias',
          dependencies: [],
        },
      ]);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });

  it('takes a blank name as none', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'velo-events-blank-name-'));
    try {
      await mkdir(path.join(workspace, 'libs', 'mailer', 'backend'), { recursive: true });
      await writeFile(path.join(workspace, 'libs', 'mailer', 'package.json'), '{ "name": "  " }');
      await writeFile(path.join(workspace, 'libs', 'mailer', 'backend', 'events.js'), 'export function wixCrm_onFormSubmit(event) {}\n');
      expect((await discoverWorkspace(workspace, NO_CONFIG)).map((p) => [p.name, p.nameFromFolder])).toEqual([['mailer', true]]);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });
});

describe('discoverWorkspace: a pattern that leads outside the root is an outside-root-pattern finding, and left out', () => {
  const message = (key: string, pattern: string): string =>
    `"${key}" pattern "${pattern}" leads outside the workspace root, where velo-events does not look, so it is left out; run velo-events with --root at a folder that holds every package`;

  it('in package.json workspaces: at the pattern string; the other globs still count', async () => {
    expect(await discoverWithFindings(path.join(FIXTURES, 'workspaces-outside-root'))).toEqual({
      packages: [{ name: 'a', root: 'packages/a', kind: 'other', eventsFile: null, sourceRoot: 'packages/a', dependencies: [] }],
      findings: [
        { code: 'outside-root-pattern', file: 'package.json', line: 1, column: 68, message: message('workspaces', '../elsewhere/*') },
      ],
    });
  });

  it('in pnpm-workspace.yaml packages, a negation too', async () => {
    expect(await discoverWithFindings(path.join(FIXTURES, 'pnpm-outside-root'))).toEqual({
      packages: [],
      findings: [{ code: 'outside-root-pattern', file: 'pnpm-workspace.yaml', line: 3, column: 5, message: message('packages', '!../legacy') }],
    });
  });

  it('in velo-events.config.json packages', async () => {
    const root = path.join(FIXTURES, 'config-outside-root');
    expect(await discoverWithFindings(root, await loadConfig(root))).toEqual({
      packages: [],
      findings: [
        { code: 'outside-root-pattern', file: 'velo-events.config.json', line: 1, column: 26, message: message('packages', '../shared/*') },
      ],
    });
  });

  it('at line 1, column 1 of the config file when a config given in code has a pattern the file does not', async () => {
    const config: VeloEventsConfig = { ...NO_CONFIG, sites: ['/srv/sites/*'] };
    expect((await discoverWithFindings(path.join(FIXTURES, 'single-site-repo'), config)).findings).toEqual([
      { code: 'outside-root-pattern', file: 'velo-events.config.json', line: 1, column: 1, message: message('sites', '/srv/sites/*') },
    ]);
  });

  it('not for globs that stay inside once normalized (./packages/*, packages/../packages/*)', async () => {
    expect((await discoverWithFindings(path.join(FIXTURES, 'inside-after-normalizing'))).findings).toEqual([]);
  });
});

describe('discoverWorkspace: folders it never looks into', () => {
  let workspace: string;

  beforeEach(async () => {
    // .gitignore drops node_modules/, dist/, coverage/ and .nx/ and git drops .git/, so the
    // ignored copies are made here rather than committed with the fixture.
    workspace = await mkdtemp(path.join(os.tmpdir(), 'velo-events-ignored-'));
    await cp(path.join(FIXTURES, 'ignored-folders'), workspace, { recursive: true });
    for (const folder of IGNORED_FOLDERS) {
      for (const copy of [`${folder}/copy`, `packages/real/${folder}/copy`, `packages/${folder}`]) {
        await mkdir(path.join(workspace, copy, 'backend'), { recursive: true });
        await writeFile(path.join(workspace, copy, 'package.json'), '{ "name": "real" }\n');
        await writeFile(path.join(workspace, copy, 'backend', 'events.js'), 'export function wixStores_onNewOrder(event) {}\n');
      }
    }
    // Symbolic links are not followed: one loops back to the root, one duplicates a package.
    await symlink('..', path.join(workspace, 'packages', 'loop'));
    await symlink('real', path.join(workspace, 'packages', 'alias'));
  });

  afterEach(() => rm(workspace, { recursive: true, force: true }));

  const onlyTheRealPackage: WorkspacePackage[] = [
    {
      name: 'real',
      root: 'packages/real',
      kind: 'package',
      eventsFile: 'packages/real/backend/events.js',
      sourceRoot: 'packages/real',
      dependencies: [],
    },
  ];

  it(`skips ${IGNORED_FOLDERS.join(', ')} at any depth when every package.json counts`, async () => {
    expect(await discoverWorkspace(workspace, NO_CONFIG)).toEqual(onlyTheRealPackage);
  });

  it('skips them even when workspace globs name them', async () => {
    const globs = [...IGNORED_FOLDERS.map((folder) => `${folder}/*`), 'packages/*', 'packages/**'];
    await writeFile(path.join(workspace, 'package.json'), JSON.stringify({ name: 'root', workspaces: globs }));
    expect(await discoverWorkspace(workspace, NO_CONFIG)).toEqual(onlyTheRealPackage);
  });
});

describe('discoverWorkspace: sites and Velo packages', () => {
  it('a site without src/backend/events.js has no events file; backend/events.js is not a site layout', async () => {
    expect(await discoverFixture('site-without-events')).toEqual([
      {
        name: 'editor-layout-site',
        root: 'sites/editor-layout',
        kind: 'site',
        eventsFile: null,
        sourceRoot: 'sites/editor-layout/src',
        dependencies: [],
      },
      {
        name: 'empty-site',
        root: 'sites/empty',
        kind: 'site',
        eventsFile: null,
        sourceRoot: 'sites/empty/src',
        dependencies: [],
      },
    ]);
  });

  it('finds a package events.js in backend/ or src/backend/, prefers backend/, and keeps an events.js that is a folder for the analyzer to report', async () => {
    expect(await discoverFixture('package-events-layouts')).toEqual([
      {
        name: 'both-layouts',
        root: 'packages/both-layouts',
        kind: 'package',
        eventsFile: 'packages/both-layouts/backend/events.js',
        sourceRoot: 'packages/both-layouts',
        dependencies: [],
      },
      {
        name: 'events-is-a-folder',
        root: 'packages/events-is-a-folder',
        kind: 'package',
        eventsFile: 'packages/events-is-a-folder/backend/events.js',
        sourceRoot: 'packages/events-is-a-folder',
        dependencies: [],
      },
      {
        name: 'no-events',
        root: 'packages/no-events',
        kind: 'other',
        eventsFile: null,
        sourceRoot: 'packages/no-events',
        dependencies: [],
      },
      {
        name: 'root-backend',
        root: 'packages/root-backend',
        kind: 'package',
        eventsFile: 'packages/root-backend/backend/events.js',
        sourceRoot: 'packages/root-backend',
        dependencies: [],
      },
      {
        name: 'src-backend',
        root: 'packages/src-backend',
        kind: 'package',
        eventsFile: 'packages/src-backend/src/backend/events.js',
        sourceRoot: 'packages/src-backend/src',
        dependencies: [],
      },
    ]);
  });

  it('keeps an events.js that is a broken symbolic link, for the analyzer to report', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'velo-events-broken-link-'));
    try {
      await mkdir(path.join(workspace, 'lib', 'backend'), { recursive: true });
      await writeFile(path.join(workspace, 'lib', 'package.json'), '{ "name": "lib" }');
      await symlink('missing.js', path.join(workspace, 'lib', 'backend', 'events.js'));
      expect(await discoverWorkspace(workspace, NO_CONFIG)).toEqual([
        {
          name: 'lib',
          root: 'lib',
          kind: 'package',
          eventsFile: 'lib/backend/events.js',
          sourceRoot: 'lib',
          dependencies: [],
        },
      ]);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });

  it('lists packages that share a name, each under its own root', async () => {
    expect(await discoverFixture('duplicate-names')).toEqual([
      { name: 'site', root: 'site', kind: 'site', eventsFile: null, sourceRoot: 'site/src', dependencies: ['shared-events'] },
      {
        name: 'shared-events',
        root: 'team-a/shared-events',
        kind: 'package',
        eventsFile: 'team-a/shared-events/backend/events.js',
        sourceRoot: 'team-a/shared-events',
        dependencies: [],
      },
      {
        name: 'shared-events',
        root: 'team-b/shared-events',
        kind: 'package',
        eventsFile: 'team-b/shared-events/src/backend/events.js',
        sourceRoot: 'team-b/shared-events/src',
        dependencies: [],
      },
    ]);
  });

  it('config sites and packages globs decide the roles instead of wix.config.json and events.js', async () => {
    const root = path.join(FIXTURES, 'config-overrides');
    expect(await discoverWorkspace(root, await loadConfig(root))).toEqual([
      // wix.config.json, but not in config.sites, and not in config.packages either
      { name: 'admin', root: 'apps/admin', kind: 'other', eventsFile: null, sourceRoot: 'apps/admin', dependencies: [] },
      {
        name: 'portal',
        root: 'apps/portal',
        kind: 'site',
        eventsFile: 'apps/portal/src/backend/events.js',
        sourceRoot: 'apps/portal/src',
        dependencies: ['drop-crm', 'keep-billing'],
      },
      // has backend/events.js, but config.packages does not match it
      { name: 'drop-crm', root: 'libs/drop-crm', kind: 'other', eventsFile: null, sourceRoot: 'libs/drop-crm', dependencies: [] },
      {
        name: 'keep-billing',
        root: 'libs/keep-billing',
        kind: 'package',
        eventsFile: 'libs/keep-billing/backend/events.js',
        sourceRoot: 'libs/keep-billing',
        dependencies: [],
      },
      // matches config.packages, but has no events.js
      { name: 'keep-empty', root: 'libs/keep-empty', kind: 'other', eventsFile: null, sourceRoot: 'libs/keep-empty', dependencies: [] },
    ]);
  });

  it('config sites can name the root with "."', async () => {
    const config: VeloEventsConfig = { ...NO_CONFIG, sites: ['.'] };
    expect(await discoverFixture('root-velo-package', config)).toEqual([
      {
        name: '@velo/single-package',
        root: '.',
        kind: 'site',
        eventsFile: null,
        sourceRoot: 'src',
        dependencies: [],
      },
    ]);
  });

  it('config sites naming the root makes a plain root a site', async () => {
    const config: VeloEventsConfig = { ...NO_CONFIG, sites: ['.'] };
    expect(await discoverFixture('no-workspaces-config', config)).toEqual([
      { name: 'plain-root', root: '.', kind: 'site', eventsFile: null, sourceRoot: 'src', dependencies: [] },
      { name: 'a', root: 'a', kind: 'other', eventsFile: null, sourceRoot: 'a', dependencies: [] },
      {
        name: 'b',
        root: 'group/b',
        kind: 'package',
        eventsFile: 'group/b/backend/events.js',
        sourceRoot: 'group/b',
        dependencies: ['a'],
      },
      {
        name: 'c',
        nameFromFolder: true,
        root: 'group/b/examples/c',
        kind: 'other',
        eventsFile: null,
        sourceRoot: 'group/b/examples/c',
        dependencies: [],
      },
    ]);
  });
});

describe('discoverWorkspace: broken user configuration is a usage error', () => {
  it.each([
    ['bad-package-json', 'packages/broken/package.json:4:17: invalid JSON: trailing comma before }'],
    ['bad-root-package-json', `package.json:3:3: invalid JSON: expected , or }, found '"'`],
    ['package-json-not-an-object', 'packages/list/package.json: expected a JSON object at the top level'],
    [
      'bad-workspaces-field',
      'package.json: /workspaces: expected an array of globs or an object with a packages array of globs',
    ],
    [
      'bad-pnpm-workspace-yaml',
      'pnpm-workspace.yaml:3:1: invalid YAML: A block sequence may not be used as an implicit map key',
    ],
  ])('%s', async (fixture, message) => {
    expect(await usageErrorOf(discoverFixture(fixture))).toBe(message);
  });

  it('a root that does not exist', async () => {
    const missing = path.join(FIXTURES, 'no-such-workspace');
    expect(await usageErrorOf(discoverWorkspace(missing, NO_CONFIG))).toBe(
      `workspace root ${missing} does not exist or cannot be read`,
    );
  });
});
