import { lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../base/errors';
import { compareCodePoints } from '../base/compare-code-points';
import { fileSystemErrorCode } from '../fs/file-system-error-code';

/**
 * Folders that hold installed, built or tool-generated copies, never workspace sources
 * (shared/SPEC.md §2). They are skipped at any depth, even when a glob names them, so a
 * package copied into node_modules or dist is never counted twice.
 */
export const IGNORED_FOLDERS: readonly string[] = [
  'node_modules',
  'dist',
  'build',
  'coverage',
  '.nx',
  '.git',
  '.wix',
];

const IGNORE_PATTERNS = IGNORED_FOLDERS.map((folder) => `**/${folder}/**`);

/**
 * The workspace-relative POSIX roots ('.' for the root itself) of the folders that match
 * `patterns` and hold a package.json, sorted by code point. A pattern names package roots
 * the way npm, yarn and pnpm workspace globs do (`packages/*`, `apps/**`, `!apps/legacy`,
 * `.`); like npm's map-workspaces we glob `<pattern>/package.json`, so a matching folder
 * without a package.json is not a package. Negations exclude whatever they match,
 * wherever they appear in the list (fast-glob applies them to every positive pattern).
 * Wildcards do not enter hidden folders (`.github`, `.vscode`): those hold tooling, not
 * packages; a pattern that names one explicitly still matches it.
 */
export async function globPackageRoots(
  root: string,
  patterns: readonly string[],
  /** Filled, for roots found by listing folders, with their package.json's lstat. */
  manifestStats?: Map<string, Stats>,
): Promise<string[]> {
  let listed: string[] | null;
  try {
    listed = listedPackageRoots(root, patterns, manifestStats);
  } catch (error) {
    if (!(error instanceof CannotTell)) throw error;
    listed = null;
  }
  return listed ?? globPackageRootsWithFastGlob(root, patterns);
}

/** Anything a glob treats specially; a folder name without these is matched literally. */
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

/**
 * The same answer for the patterns nearly every workspace uses — literal folders, each
 * optionally ending in `/*` (`packages/*`, `apps/web`) or `/**` (`**` alone: a repository
 * without workspace globs, such as the one Wix's Git integration writes) — by listing each
 * folder once. fast-glob reads every package folder to find its package.json: ~90 ms for
 * 1,000 packages, against ~15 ms here; and loading fast-glob's ~60 modules costs a warm check
 * of a Wix site ~15 ms. null for any other pattern (fast-glob decides); when a folder
 * cannot be listed or a file looked at, fast-glob is asked too and reports why.
 */
function listedPackageRoots(root: string, patterns: readonly string[], manifestStats?: Map<string, Stats>): string[] | null {
  const roots = new Set<string>();
  const found = (packageRoot: string, stats: Stats | null): void => {
    if (stats === null) return;
    roots.add(packageRoot);
    manifestStats?.set(packageRoot, stats);
  };
  for (const pattern of patterns) {
    const manifest = toManifestPattern(pattern);
    if (manifest.startsWith('!')) return null;
    const segments = manifest.split('/').slice(0, -1);
    const wildcard = segments.at(-1) === '*';
    const globstar = segments.at(-1) === '**';
    const folders = wildcard || globstar ? segments.slice(0, -1) : segments;
    if (folders.some((segment) => segment === '' || segment === '.' || segment === '..' || GLOB_SYNTAX.test(segment))) return null;
    // fast-glob's ignore patterns drop anything below an ignored folder, at any depth.
    if (folders.some((segment) => IGNORED_FOLDERS.includes(segment))) continue;
    const base = folders.join('/');
    if (globstar) {
      walkPackageRoots(root, base, found);
      continue;
    }
    if (!wildcard) {
      found(base === '' ? '.' : base, fileEntryStats(path.join(root, base, 'package.json')));
      continue;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, base), { withFileTypes: true });
    } catch (error) {
      if (fileSystemErrorCode(error) === 'ENOENT') continue;
      return null;
    }
    for (const entry of entries) {
      // `*` skips hidden folders; a symbolic link is not followed (see followSymbolicLinks).
      if (entry.name.startsWith('.') || !entry.isDirectory() || IGNORED_FOLDERS.includes(entry.name)) continue;
      const packageRoot = base === '' ? entry.name : `${base}/${entry.name}`;
      found(packageRoot, fileEntryStats(path.join(root, packageRoot, 'package.json')));
    }
  }
  return [...roots].sort(compareCodePoints);
}

/**
 * `<base>/**\/package.json` as fast-glob matches it: the folder itself and every folder below
 * it, except hidden ones (`**` does not match a name starting with `.`), ignored ones and
 * symbolic links (not followed).
 */
function walkPackageRoots(root: string, base: string, found: (packageRoot: string, stats: Stats | null) => void): void {
  const pending = [base];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    found(folder === '' ? '.' : folder, fileEntryStats(path.join(root, folder, 'package.json')));
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      if (fileSystemErrorCode(error) === 'ENOENT' && folder === base) return;
      throw new CannotTell();
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || !entry.isDirectory() || IGNORED_FOLDERS.includes(entry.name)) continue;
      pending.push(folder === '' ? entry.name : `${folder}/${entry.name}`);
    }
  }
}

/**
 * The stats of a regular file itself, not a link to one (what fast-glob's onlyFiles takes
 * without following links); null for anything else. Throws CannotTell when the answer is
 * not a plain yes or no.
 */
function fileEntryStats(absPath: string): Stats | null {
  try {
    const stats = lstatSync(absPath, { throwIfNoEntry: false });
    return stats?.isFile() ? stats : null;
  } catch (error) {
    const code = fileSystemErrorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new CannotTell();
  }
}

class CannotTell extends Error {}

/** The general case; exported so tests can hold the fast path to it. */
export async function globPackageRootsWithFastGlob(root: string, patterns: readonly string[]): Promise<string[]> {
  const manifestPatterns = patterns.map(toManifestPattern);
  if (!manifestPatterns.some((pattern) => !pattern.startsWith('!'))) return [];

  let manifests: string[];
  try {
    // Loaded here: the folder listing above answers for most workspaces without it.
    const { default: fg } = await import('fast-glob');
    manifests = await fg(manifestPatterns, {
      cwd: root,
      ignore: IGNORE_PATTERNS,
      onlyFiles: true,
      // A symlinked folder is either a link into node_modules-like storage or a loop;
      // following it would list a package twice or never finish.
      followSymbolicLinks: false,
    });
  } catch (error) {
    // An unreadable folder is a problem of the environment the user can fix, not our bug.
    const reason =
      typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    throw new UsageError(`cannot list the workspace folders: ${reason}`, { cause: error });
  }

  const roots = new Set<string>();
  for (const found of manifests) {
    // `packages/../packages/*` names the same folders as `packages/*`: one path for each.
    const manifest = path.posix.normalize(found);
    // Patterns that climb out of the root were left out where they were read
    // (keep-globs-inside-root); every path we report is relative to the root.
    if (manifest.startsWith('/') || manifest === '..' || manifest.startsWith('../')) continue;
    roots.add(manifest === 'package.json' ? '.' : manifest.slice(0, -'/package.json'.length));
  }
  return [...roots].sort(compareCodePoints);
}

/** `packages/*` → `packages/*\/package.json`, `!./legacy/` → `!legacy/package.json`, `.` → `package.json`. */
export function toManifestPattern(pattern: string): string {
  const negated = pattern.startsWith('!');
  let folder = negated ? pattern.slice(1) : pattern;
  while (folder.startsWith('./')) folder = folder.slice(2);
  while (folder.endsWith('/')) folder = folder.slice(0, -1);
  const manifest = folder === '' || folder === '.' ? 'package.json' : `${folder}/package.json`;
  return negated ? `!${manifest}` : manifest;
}
