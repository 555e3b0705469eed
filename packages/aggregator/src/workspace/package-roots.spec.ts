import { toManifestPattern } from './package-roots';

describe('toManifestPattern', () => {
  it.each([
    ['packages/*', 'packages/*/package.json'],
    ['packages/**', 'packages/**/package.json'],
    ['./apps/*/', 'apps/*/package.json'],
    ['!packages/legacy', '!packages/legacy/package.json'],
    ['!./packages/legacy/', '!packages/legacy/package.json'],
    ['.', 'package.json'],
    ['./', 'package.json'],
    ['!.', '!package.json'],
  ])('%s → %s', (pattern, manifest) => {
    expect(toManifestPattern(pattern)).toBe(manifest);
  });
});

describe('globPackageRoots: listing folders gives what fast-glob gives', () => {
  const { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const path = require('node:path') as typeof import('node:path');
  const { globPackageRoots, globPackageRootsWithFastGlob } = require('./package-roots') as typeof import('./package-roots');
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'package-roots-'));
    const file = (relative: string): void => {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), '{}');
    };
    for (const relative of [
      'package.json',
      'packages/a/package.json',
      'packages/.hidden/package.json',
      'packages/node_modules/package.json',
      'packages/dist/package.json',
      'packages/Upper/package.json',
      'packages/ñandú 名前/package.json',
      'packages/file.txt',
      'apps/web/package.json',
      'apps/web/nested/package.json',
      'tools/cli/package.json',
      '.github/x/package.json',
      'dist/y/package.json',
    ]) {
      file(relative);
    }
    mkdirSync(path.join(root, 'packages/b'));
    mkdirSync(path.join(root, 'packages/d/package.json'), { recursive: true });
    symlinkSync(path.join(root, 'packages/a'), path.join(root, 'packages/linked'));
    mkdirSync(path.join(root, 'packages/c'));
    symlinkSync(path.join(root, 'packages/a/package.json'), path.join(root, 'packages/c/package.json'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the package folders of `packages/*`', async () => {
    expect(await globPackageRoots(root, ['packages/*'])).toEqual(['packages/Upper', 'packages/a', 'packages/ñandú 名前']);
  });

  it.each([
    [['packages/*']],
    [['./packages/*/', 'missing/*', 'apps/web']],
    [['apps/*', 'tools/cli']],
    [['tools/cli/', 'packages/a', 'packages/linked', 'packages/c', 'packages/d']],
    [['.']],
    [['dist/*', 'packages/dist', '.github/*', '.github/x']],
    [['packages/file.txt/*', 'packages/b']],
    [['**']],
    [['apps/**', 'packages/a/**']],
    [['missing/**', 'packages/file.txt/**']],
    [['dist/**', '.github/**']],
  ])('%j', async (patterns) => {
    const outcome = (roots: Promise<string[]>): Promise<unknown> => roots.then((list) => ({ list }), (error: Error) => ({ error: error.message }));
    expect(await outcome(globPackageRoots(root, patterns))).toEqual(await outcome(globPackageRootsWithFastGlob(root, patterns)));
  });

  it('finds every package folder below the root for `**` (no workspace globs), hidden, ignored and linked folders left out', async () => {
    expect(await globPackageRoots(root, ['**'])).toEqual([
      '.',
      'apps/web',
      'apps/web/nested',
      'packages/Upper',
      'packages/a',
      'packages/ñandú 名前',
      'tools/cli',
    ]);
  });

  it('reports a pattern folder that is a file as fast-glob does', async () => {
    await expect(globPackageRoots(root, ['packages/file.txt/*'])).rejects.toThrow(
      /^cannot list the workspace folders: ENOTDIR: not a directory, scandir '.*packages\/file\.txt'$/,
    );
  });
});
