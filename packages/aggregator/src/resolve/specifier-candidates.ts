import * as path from 'node:path';
import { specifierKind } from '../analyze/specifier-kind';

/**
 * Workspace-relative files a local specifier may name, in the order Velo's bundler would
 * try them: as written, then with `.js`, then `.jsw` (Velo's legacy web-module extension).
 * `backend/…` and `public/…` are relative to the source root (the folder holding
 * `backend/`). Bare specifiers and paths leaving the workspace have no candidates.
 */
export function specifierCandidates(importer: string, specifier: string, sourceRoot: string): string[] {
  const kind = specifierKind(specifier);
  if (kind === 'bare') return [];
  const base =
    kind === 'relative'
      ? path.posix.join(path.posix.dirname(importer), specifier)
      : path.posix.join(sourceRoot, specifier);
  if (base === '..' || base.startsWith('../')) return [];
  if (/\.(m?js|jsw)$/.test(base)) return [base];
  return [base, `${base}.js`, `${base}.jsw`];
}
