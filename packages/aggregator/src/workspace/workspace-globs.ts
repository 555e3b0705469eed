import path from 'node:path';
import { UsageError } from '../base/errors';
import { isPresent } from '../fs/is-present';
import { requireGlobsInsideRoot } from './glob-leaves-root';
import type { PackageJson } from './read-package-json';
import { readSourceText } from '../fs/read-source';

const PNPM_WORKSPACE_FILE = 'pnpm-workspace.yaml';

/**
 * The package-root globs the workspace declares: the `workspaces` of the root
 * package.json (npm and yarn; an array, or yarn's `{ packages: [...] }`), else the
 * `packages` of pnpm-workspace.yaml. null when neither declares any, which means every
 * package.json below the root is a package (shared/SPEC.md §2).
 */
export async function readWorkspaceGlobs(root: string, rootPackageJson: PackageJson | null): Promise<string[] | null> {
  const fromPackageJson = rootPackageJson === null ? undefined : rootPackageJson['workspaces'];
  if (fromPackageJson !== undefined) return packageJsonWorkspaces(fromPackageJson);
  return readPnpmWorkspaceGlobs(root);
}

function packageJsonWorkspaces(workspaces: unknown): string[] {
  if (isStringArray(workspaces)) {
    requireGlobsInsideRoot(workspaces, 'package.json: /workspaces');
    return workspaces;
  }
  if (typeof workspaces === 'object' && workspaces !== null && 'packages' in workspaces) {
    if (isStringArray(workspaces.packages)) {
      requireGlobsInsideRoot(workspaces.packages, 'package.json: /workspaces/packages');
      return workspaces.packages;
    }
  }
  throw new UsageError(
    'package.json: /workspaces: expected an array of globs or an object with a packages array of globs',
  );
}

async function readPnpmWorkspaceGlobs(root: string): Promise<string[] | null> {
  const absPath = path.join(root, PNPM_WORKSPACE_FILE);
  if (!isPresent(absPath)) return null;

  const source = await readSourceText(absPath);
  if (!source.ok) throw new UsageError(`${PNPM_WORKSPACE_FILE}: ${source.reason}`);
  // Loaded only for pnpm workspaces: yaml costs ~40 ms to load.
  const { parseDocument } = await import('yaml');
  const document = parseDocument(source.text);
  const [error] = document.errors;
  if (error !== undefined) {
    const start = error.linePos?.[0];
    const where = start === undefined ? '' : `:${start.line}:${start.col}`;
    // yaml's message ends with " at line L, column C:" and a code frame; keep one line.
    const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
    throw new UsageError(`${PNPM_WORKSPACE_FILE}${where}: invalid YAML: ${message}`);
  }

  const value: unknown = document.toJS();
  if (value === null || value === undefined) return null; // an empty file
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${PNPM_WORKSPACE_FILE}: expected a mapping with a packages list`);
  }
  // pnpm-workspace.yaml may hold only settings (catalogs, overrides); without globs we
  // fall back to what a workspace without any workspace file gets.
  if (!('packages' in value) || value.packages === undefined || value.packages === null) return null;
  if (!isStringArray(value.packages)) {
    throw new UsageError(`${PNPM_WORKSPACE_FILE}: /packages: expected a list of globs`);
  }
  requireGlobsInsideRoot(value.packages, `${PNPM_WORKSPACE_FILE}: /packages`);
  return value.packages;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
