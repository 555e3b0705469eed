import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The name of a package whose package.json has no `name` (Wix's site template has none):
 * its folder's, everywhere (shared/SPEC.md §2), never a path like `.` or `sites/shop`.
 *
 * Below the root it is the basename of the package root's real location, so a folder
 * reached through a symbolic link is named after the folder itself. The workspace root is
 * named after the `--root` path made absolute (`root` here). That makes the name of an
 * unnamed root package the one thing in a report that depends on where the workspace lies:
 * a user who leaves the name out names the package by its folder, which is what they see.
 * A name is never trusted as code: generated identifiers and paths are made from it safely
 * (merge/namespace-identifier), and two packages whose names meet are a namespace-collision.
 */
export function folderName(root: string, packageRoot: string): string {
  const absolute = path.resolve(root, packageRoot);
  let location = absolute;
  if (packageRoot !== '.') {
    try {
      location = realpathSync(absolute);
    } catch {
      // Unreadable now: it was listed a moment ago, so its path names the same folder.
    }
  }
  // The root of a file system has no basename: its path is the only name it has.
  return path.basename(location) || location;
}
