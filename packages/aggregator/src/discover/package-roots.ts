import fg from 'fast-glob';
import { UsageError } from '../errors';
import { compareCodePoints } from '../compare-code-points';

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
export async function globPackageRoots(root: string, patterns: readonly string[]): Promise<string[]> {
  const manifestPatterns = patterns.map(toManifestPattern);
  if (!manifestPatterns.some((pattern) => !pattern.startsWith('!'))) return [];

  let manifests: string[];
  try {
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
  for (const manifest of manifests) {
    // A glob may climb out of the root (`../x`) or be absolute; the workspace is what
    // lies below the root, and every path we report must be relative to it.
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
