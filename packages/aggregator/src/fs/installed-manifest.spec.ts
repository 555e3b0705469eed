import { readFileSync } from 'node:fs';
import { installedManifest } from './installed-manifest';

describe('installedManifest', () => {
  it.each(['ts-morph', '@ts-morph/common', 'acorn', 'fastest-levenshtein'])("reads %s's package.json, the one require.resolve finds", (name) => {
    expect(installedManifest(name).equals(readFileSync(require.resolve(`${name}/package.json`)))).toBe(true);
  });

  it('asks require.resolve when no node_modules above has it, and throws as it does', () => {
    expect(() => installedManifest('velo-events-no-such-package')).toThrow(/Cannot find module 'velo-events-no-such-package\/package.json'/);
  });
});
