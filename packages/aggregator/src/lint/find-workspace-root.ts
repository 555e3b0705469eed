import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../workspace/config';

/**
 * The workspace root `velo-events check` would be run at for a file, found from the file
 * itself so that ESLint may run from the monorepo root or from a site's folder alike: the
 * outermost folder up to the repository's top (the folder holding `.git`) that has
 * `velo-events.config.json`, a package.json with `workspaces`, or `pnpm-workspace.yaml`;
 * without one, the nearest folder with `wix.config.json` or a package.json.
 */
export function findWorkspaceRoot(file: string): string {
  let workspaceRoot: string | null = null;
  let nearestPackage: string | null = null;
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (isWorkspaceRoot(dir)) workspaceRoot = dir;
    if (nearestPackage === null && (existsSync(path.join(dir, 'wix.config.json')) || existsSync(path.join(dir, 'package.json')))) {
      nearestPackage = dir;
    }
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
  }
  return workspaceRoot ?? nearestPackage ?? path.dirname(path.resolve(file));
}

function isWorkspaceRoot(dir: string): boolean {
  if (existsSync(path.join(dir, CONFIG_FILE_NAME)) || existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return true;
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { workspaces?: unknown };
    return manifest.workspaces !== undefined;
  } catch {
    // No package.json, or one discovery will report when it reads it.
    return false;
  }
}
