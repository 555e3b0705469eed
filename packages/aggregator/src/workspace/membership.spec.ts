import path from 'node:path';
import type { WorkspacePackage } from '../model';
import { siteMembers } from './membership';
import { discoverWorkspace } from './workspace';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'workspace');

async function fixturePackages(name: string): Promise<WorkspacePackage[]> {
  return discoverWorkspace(path.join(FIXTURES, name), {
    sites: null,
    packages: null,
    order: [],
    rules: {},
    catalog: [],
    stubs: null,
  });
}

function byRoot(all: WorkspacePackage[], root: string): WorkspacePackage {
  const found = all.find((pkg) => pkg.root === root);
  if (found === undefined) throw new Error(`no package at ${root}`);
  return found;
}

/** Just enough of a package for the pure cases. */
function pkg(name: string, root: string, kind: WorkspacePackage['kind'], dependencies: string[]): WorkspacePackage {
  return { name, root, kind, eventsFile: null, sourceRoot: root, dependencies };
}

describe('siteMembers', () => {
  it('follows dependencies transitively, through a cycle (a ↔ b) and through a plain library (plain-lib → c → plain-lib); devDependencies and npm packages do not count', async () => {
    const all = await fixturePackages('transitive-membership');
    expect(siteMembers(byRoot(all, 'sites/shop'), all)).toEqual([
      byRoot(all, 'packages/a'),
      byRoot(all, 'packages/b'),
      byRoot(all, 'packages/c'),
    ]);
  });

  it('reaches a cycle from its other end with a workspace:~ range', async () => {
    const all = await fixturePackages('transitive-membership');
    expect(siteMembers(byRoot(all, 'sites/blog'), all).map((member) => member.root)).toEqual([
      'packages/a',
      'packages/b',
    ]);
  });

  it('reaches every workspace package with the depended-on name, sorted by name then root', async () => {
    const all = await fixturePackages('duplicate-names');
    expect(siteMembers(byRoot(all, 'site'), all).map((member) => member.root)).toEqual([
      'team-a/shared-events',
      'team-b/shared-events',
    ]);
  });

  it('passes through another site but never lists a site or the site itself', () => {
    const shop = pkg('shop', 'sites/shop', 'site', ['blog']);
    const blog = pkg('blog', 'sites/blog', 'site', ['shop', 'zeta']);
    const zeta = pkg('zeta', 'packages/zeta', 'package', ['alpha']);
    const alpha = pkg('alpha', 'packages/alpha', 'package', []);
    expect(siteMembers(shop, [alpha, blog, shop, zeta])).toEqual([alpha, zeta]);
  });

  it('is empty for a site without workspace dependencies', () => {
    const site = pkg('site', 'site', 'site', ['lodash']);
    expect(siteMembers(site, [site, pkg('lib', 'lib', 'package', [])])).toEqual([]);
  });
});
