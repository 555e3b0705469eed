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
