import fg from 'fast-glob';
import path from 'node:path';
import { compareCodePoints } from '../base/compare-code-points';
import { IGNORED_FOLDERS } from './package-roots';

/** How many of the events.js files found the message names. */
const NAMED = 5;

/**
 * What to say when a run finds no site and no Velo package (shared/SPEC.md §2): never a
 * bare success. Names where events.js files are, if any, and how to make them count.
 */
export async function describeEmptyWorkspace(root: string): Promise<string> {
  const shown = path.relative(process.cwd(), root).split(path.sep).join('/') || '.';
  const kinds =
    'a site is a package with wix.config.json (its handlers in src/backend/events.js), a Velo package one with backend/events.js or src/backend/events.js';
  const found = (
    await fg('**/events.js', { cwd: root, ignore: IGNORED_FOLDERS.map((folder) => `**/${folder}/**`), followSymbolicLinks: false })
  ).sort(compareCodePoints);
  if (found.length === 0) {
    return `no site or Velo package in ${shown}, and no events.js below it: ${kinds}; run velo-events where they are, or pass --root`;
  }
  const named = found.slice(0, NAMED).join(', ') + (found.length > NAMED ? ` and ${found.length - NAMED} more` : '');
  const folder = codeFolderOf(found[0]!);
  const rootHint = folder === null ? '' : `run with --root ${path.posix.join(shown, folder)}, or `;
  return `no site or Velo package in ${shown}: ${kinds}; found events.js at ${named}, which none of them holds — ${rootHint}name their folders in velo-events.config.json "sites" or "packages"`;
}

/** The folder that would be a site or package root for an events.js found there. */
function codeFolderOf(file: string): string | null {
  for (const layout of ['src/backend/events.js', 'backend/events.js']) {
    if (file === layout) return null;
    if (file.endsWith(`/${layout}`)) return file.slice(0, -layout.length - 1);
  }
  return null;
}
