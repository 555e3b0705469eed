import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WorkspacePackage } from '../model';
import type { VeloEventsConfig } from './config';
import { findIgnoredEventsFiles, PACKAGE_BACKEND_FOLDERS } from './ignored-events-files';
import { discoverWorkspace } from './workspace';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures');
const NO_CONFIG: VeloEventsConfig = { sites: null, packages: null, order: [], rules: {}, catalog: [], stubs: null };

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A workspace of these files in a fresh temp folder named `name`. */
async function workspaceOf(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(await mkdtemp(path.join(os.tmpdir(), 'velo-events-ignored-')), name);
  temps.push(path.dirname(root));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

const HANDLER = 'export function wixCrm_onContactCreated(event) {}\n';

describe('discoverWorkspace: handler files Velo never reads, and Wix CLI apps', () => {
  it('lists events.ts and the like where events.js would be; a Wix CLI app is no site and lists its events.js too', async () => {
    const other = (root: string, name: string, ignoredEventsFiles: string[]): WorkspacePackage => ({
      name,
      root,
      kind: 'other',
      eventsFile: null,
      sourceRoot: root,
      dependencies: [],
      ignoredEventsFiles,
    });
    expect(await discoverWorkspace(path.join(FIXTURES, 'aggregate', 'ignored-events-files'), NO_CONFIG)).toEqual([
      { ...other('apps/crm-app', 'crm-app', ['apps/crm-app/src/backend/events.ts']), dependencies: ['@wix/crm'], wixCliApp: 'appId' },
      {
        ...other('apps/legacy-app', 'legacy-app', ['apps/legacy-app/backend/events.mjs', 'apps/legacy-app/src/backend/events.js']),
        wixCliApp: 'projectType',
      },
      // Velo packages but for their events.ts / events.mjs: kept, to be reported.
      other('libs/broken', '@acme/broken', ['libs/broken/backend/events.ts']),
      other('libs/crm', '@acme/crm', ['libs/crm/backend/events.mjs']),
      {
        name: '@acme/orders',
        root: 'libs/orders',
        kind: 'package',
        eventsFile: 'libs/orders/backend/events.js',
        sourceRoot: 'libs/orders',
        dependencies: [],
        ignoredEventsFiles: ['libs/orders/backend/events.jsx', 'libs/orders/src/backend/events.cjs'],
      },
      {
        name: 'plain',
        root: 'sites/plain',
        kind: 'site',
        eventsFile: null,
        sourceRoot: 'sites/plain/src',
        dependencies: [],
        ignoredEventsFiles: ['sites/plain/src/backend/events.ts'],
      },
      // events.test.ts and other.ts are not where events.js would be.
      {
        name: 'shop',
        root: 'sites/shop',
        kind: 'site',
        eventsFile: 'sites/shop/src/backend/events.js',
        sourceRoot: 'sites/shop/src',
        dependencies: ['@acme/orders'],
        ignoredEventsFiles: ['sites/shop/src/backend/events.ts'],
      },
    ]);
  });

  it('a single-repo Wix CLI app is the root, as kind other', async () => {
    expect(await discoverWorkspace(path.join(FIXTURES, 'cli', 'wix-cli-app'), NO_CONFIG)).toEqual([
      {
        name: 'crm-sync-app',
        root: '.',
        kind: 'other',
        eventsFile: null,
        sourceRoot: '.',
        dependencies: ['@wix/crm', '@wix/essentials'],
        wixCliApp: 'appId',
        ignoredEventsFiles: ['src/backend/events.ts'],
      },
    ]);
  });

  it('a root with package.json and workspaces that would be a Velo package but for its events.mjs is kept', async () => {
    const root = await workspaceOf('lib', {
      'package.json': JSON.stringify({ name: 'lib', workspaces: ['packages/*'] }),
      'backend/events.mjs': HANDLER,
    });
    expect(await discoverWorkspace(root, NO_CONFIG)).toEqual([
      { name: 'lib', root: '.', kind: 'other', eventsFile: null, sourceRoot: '.', dependencies: [], ignoredEventsFiles: ['backend/events.mjs'] },
    ]);
  });

  it('code copied out of the editor: events.ts instead of events.js is kept as the root; beside it, listed with the site', async () => {
    const instead = await workspaceOf('copied', { 'backend/events.ts': HANDLER });
    expect(await discoverWorkspace(instead, NO_CONFIG)).toEqual([
      expect.objectContaining({ name: 'copied', root: '.', kind: 'other', eventsFile: null, sourceRoot: '.', ignoredEventsFiles: ['backend/events.ts'] }),
    ]);
    const beside = await workspaceOf('copied-src', { 'src/backend/events.js': HANDLER, 'src/backend/events.ts': HANDLER, 'backend/events.ts': HANDLER });
    expect(await discoverWorkspace(beside, NO_CONFIG)).toEqual([
      expect.objectContaining({ name: 'copied-src', root: '.', kind: 'site', eventsFile: 'src/backend/events.js', ignoredEventsFiles: ['src/backend/events.ts'] }),
    ]);
  });

  it('a wix.config.json with a siteId, an empty appId or broken JSON marks a site; an app stays one even when the config names it a site', async () => {
    const root = await workspaceOf('ws', {
      'package.json': JSON.stringify({ name: 'ws', workspaces: ['sites/*'] }),
      'sites/site-id/package.json': '{ "name": "site-id" }',
      'sites/site-id/wix.config.json': '{ "siteId": "00000000-0000-0000-0000-000000000001" }',
      'sites/empty-app-id/package.json': '{ "name": "empty-app-id" }',
      'sites/empty-app-id/wix.config.json': '{ "appId": "", "projectType": "Site" }',
      'sites/broken/package.json': '{ "name": "broken" }',
      'sites/broken/wix.config.json': '{ "appId": ',
      'sites/app/package.json': '{ "name": "app" }',
      'sites/app/wix.config.json': '{ "appId": "00000000-0000-0000-0000-000000000002" }',
    });
    const site = (name: string): WorkspacePackage => ({
      name,
      root: `sites/${name}`,
      kind: 'site',
      eventsFile: null,
      sourceRoot: `sites/${name}/src`,
      dependencies: [],
    });
    const app: WorkspacePackage = { name: 'app', root: 'sites/app', kind: 'other', eventsFile: null, sourceRoot: 'sites/app', dependencies: [], wixCliApp: 'appId' };
    const expected = [app, site('broken'), site('empty-app-id'), site('site-id')];
    expect(await discoverWorkspace(root, NO_CONFIG)).toEqual(expected);
    expect(await discoverWorkspace(root, { ...NO_CONFIG, sites: ['sites/*'] })).toEqual(expected);
  });

  it('config packages that leave a root out leave its events.ts out too', async () => {
    const root = await workspaceOf('ws', {
      'package.json': JSON.stringify({ name: 'ws', workspaces: ['libs/*'] }),
      'libs/a/package.json': '{ "name": "a" }',
      'libs/a/backend/events.ts': HANDLER,
      'libs/b/package.json': '{ "name": "b" }',
      'libs/b/backend/events.ts': HANDLER,
    });
    expect(await discoverWorkspace(root, { ...NO_CONFIG, packages: ['libs/a'] })).toEqual([
      { name: 'a', root: 'libs/a', kind: 'other', eventsFile: null, sourceRoot: 'libs/a', dependencies: [], ignoredEventsFiles: ['libs/a/backend/events.ts'] },
      { name: 'b', root: 'libs/b', kind: 'other', eventsFile: null, sourceRoot: 'libs/b', dependencies: [] },
    ]);
  });
});

describe('findIgnoredEventsFiles', () => {
  it('takes files and links named events.<ts|tsx|jsx|mjs|cjs>, not folders, not other names; events.js only when asked', async () => {
    const root = await workspaceOf('pkg', {
      'backend/events.js': HANDLER,
      'backend/events.tsx': HANDLER,
      'backend/events.d.ts': HANDLER,
      'backend/events.test.ts': HANDLER,
      'backend/Events.ts': HANDLER,
      'backend/events.ts/index.ts': HANDLER,
      'src/backend/events.cjs': HANDLER,
    });
    await symlink('events.tsx', path.join(root, 'backend', 'events.jsx'));
    expect(findIgnoredEventsFiles(root, '.', PACKAGE_BACKEND_FOLDERS)).toEqual(['backend/events.jsx', 'backend/events.tsx', 'src/backend/events.cjs']);
    expect(findIgnoredEventsFiles(path.dirname(root), 'pkg', ['backend'], { includeEventsJs: true })).toEqual([
      'pkg/backend/events.js',
      'pkg/backend/events.jsx',
      'pkg/backend/events.tsx',
    ]);
    expect(findIgnoredEventsFiles(root, '.', ['missing', 'backend/events.js'])).toEqual([]);
  });
});
