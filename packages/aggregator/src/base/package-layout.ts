import * as path from 'node:path';

/**
 * Where this package's files are, for every module that reads one. Only this module reads
 * `__dirname`: the CLI runs from one bundle (dist/cli/bundle.js), where every module it
 * holds shares the bundle's `__dirname`. This module sits one folder below the code root,
 * as the bundle does, so the paths below are the same bundled, compiled or under ts-jest.
 */

/** The package root: package.json, catalog/, schema/, runtime/. */
export const PACKAGE_ROOT = path.join(__dirname, '..', '..');

/** The code root: dist/, or src/ under ts-jest. */
export const CODE_ROOT = path.join(__dirname, '..');
