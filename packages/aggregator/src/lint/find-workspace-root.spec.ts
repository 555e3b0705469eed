import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findWorkspaceRoot } from './find-workspace-root';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'velo-events-root-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('findWorkspaceRoot', () => {
  it('takes the monorepo root (workspaces) over the site folder that holds the file', () => {
    const root = tree({
      '.git/HEAD': '',
      'package.json': '{ "workspaces": ["sites/*"] }',
      'sites/shop/package.json': '{ "name": "shop" }',
      'sites/shop/wix.config.json': '{}',
      'sites/shop/src/backend/events.js': '',
    });
    expect(findWorkspaceRoot(path.join(root, 'sites/shop/src/backend/events.js'))).toBe(root);
  });

  it('takes a pnpm workspace or a velo-events.config.json as a root too', () => {
    const pnpm = tree({ 'pnpm-workspace.yaml': 'packages: [libs/*]\n', 'libs/a/backend/events.js': '' });
    expect(findWorkspaceRoot(path.join(pnpm, 'libs/a/backend/events.js'))).toBe(pnpm);
    const config = tree({ 'velo-events.config.json': '{}', 'site/src/backend/events.js': '' });
    expect(findWorkspaceRoot(path.join(config, 'site/src/backend/events.js'))).toBe(config);
  });

  it('without a workspace, takes the nearest folder with wix.config.json or a package.json', () => {
    const root = tree({ 'repo/.git/HEAD': '', 'repo/wix.config.json': '{}', 'repo/src/backend/events.js': '' });
    expect(findWorkspaceRoot(path.join(root, 'repo/src/backend/events.js'))).toBe(path.join(root, 'repo'));
  });

  it('never climbs past the folder holding .git', () => {
    const root = tree({
      'package.json': '{ "workspaces": ["*"] }',
      'repo/.git/HEAD': '',
      'repo/package.json': '{ "name": "site" }',
      'repo/src/backend/events.js': '',
    });
    expect(findWorkspaceRoot(path.join(root, 'repo/src/backend/events.js'))).toBe(path.join(root, 'repo'));
  });

  it('ignores an unreadable package.json (discovery reports it) and keeps looking', () => {
    const root = tree({ '.git/HEAD': '', 'package.json': '{ "workspaces": ["a"] }', 'a/package.json': '{ broken', 'a/backend/events.js': '' });
    expect(findWorkspaceRoot(path.join(root, 'a/backend/events.js'))).toBe(root);
  });
});
