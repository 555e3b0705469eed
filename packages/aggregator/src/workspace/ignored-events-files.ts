import { readdirSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { compareCodePoints } from '../base/compare-code-points';

/**
 * Files named like events.js that Velo never reads: it loads backend event handlers from
 * `events.js` only (shared/SPEC.md §2), so an `events.ts` (or `.tsx`, `.jsx`, `.mjs`, `.cjs`)
 * where events.js would be holds handlers that never run.
 */
const IGNORED_EVENTS_FILE = /^events\.(?:ts|tsx|jsx|mjs|cjs)$/;
/** In a Wix CLI app, where Velo reads no events file at all, events.js as well. */
const ANY_EVENTS_FILE = /^events\.(?:js|ts|tsx|jsx|mjs|cjs)$/;

/** The folder of a site's events.js. */
export const SITE_BACKEND_FOLDERS = ['src/backend'] as const;
/** The folders of a Velo package's events.js (workspace.ts: PACKAGE_EVENTS_LAYOUTS). */
export const PACKAGE_BACKEND_FOLDERS = ['backend', 'src/backend'] as const;

/**
 * The workspace-relative paths, sorted, of the files in `folders` (relative to the package
 * root) that are named like an events file Velo never reads; with `includeEventsJs`, of
 * every events file there (a Wix CLI app). Each folder is listed once, and only when it
 * exists: a stat that finds nothing costs far less than a listing that fails.
 */
export function findIgnoredEventsFiles(
  root: string,
  packageRoot: string,
  folders: readonly string[],
  { includeEventsJs = false }: { includeEventsJs?: boolean } = {},
): string[] {
  const wanted = includeEventsJs ? ANY_EVENTS_FILE : IGNORED_EVENTS_FILE;
  const found: string[] = [];
  for (const folder of folders) {
    const relativeFolder = packageRoot === '.' ? folder : `${packageRoot}/${folder}`;
    for (const entry of listFolder(path.join(root, relativeFolder))) {
      // A folder named events.ts holds no handlers; a link is read (and reported if broken).
      if (wanted.test(entry.name) && !entry.isDirectory()) found.push(`${relativeFolder}/${entry.name}`);
    }
  }
  return found.sort(compareCodePoints);
}

/**
 * The entries of a folder; none when it is not one or cannot be listed (a folder we may
 * not read hides its names from us as from Velo's tooling; its events.js, if any, is still
 * found, and reported, by the probes of workspace.ts).
 */
function listFolder(absPath: string): Dirent[] {
  try {
    if (statSync(absPath, { throwIfNoEntry: false })?.isDirectory() !== true) return [];
    return readdirSync(absPath, { withFileTypes: true });
  } catch {
    return [];
  }
}
