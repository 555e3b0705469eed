import path from 'node:path';
import { UsageError } from '../base/errors';

/**
 * Throws for a package-root glob that leads outside the workspace root (`../shared/*`, an
 * absolute path): velo-events looks only below the root, so such a pattern would match
 * nothing and its packages would be dropped without a word (shared/SPEC.md §2). `where`
 * names the list, e.g. `package.json: /workspaces`.
 */
export function requireGlobsInsideRoot(patterns: readonly string[], where: string): void {
  patterns.forEach((pattern, index) => {
    if (!leavesRoot(pattern)) return;
    throw new UsageError(
      `${where}/${index}: "${pattern}" leads outside the workspace root, where velo-events never looks; run it with --root at the folder that holds every package`,
    );
  });
}

function leavesRoot(pattern: string): boolean {
  const positive = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (path.posix.isAbsolute(positive) || path.win32.isAbsolute(positive)) return true;
  const normalized = path.posix.normalize(positive.replace(/\\/g, '/'));
  return normalized === '..' || normalized.startsWith('../');
}
