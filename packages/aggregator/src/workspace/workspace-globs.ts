import path from 'node:path';
import { UsageError } from '../base/errors';
import type { Finding } from '../model';
import { isPresent } from '../fs/is-present';
import { jsonListLocator, keepGlobsInsideRoot } from './keep-globs-inside-root';
import type { PackageJson } from './read-package-json';
import { readSourceText } from '../fs/read-source';

const PNPM_WORKSPACE_FILE = 'pnpm-workspace.yaml';

export interface WorkspaceGlobs {
  /**
   * The package-root globs, without those that lead outside the root; null when the
   * workspace declares none, which means every package.json below the root is a package.
   */
  patterns: string[] | null;
  /** An `outside-root-pattern` finding for each glob left out. */
  findings: Finding[];
}

/**
 * The package-root globs the workspace declares: the `workspaces` of the root
 * package.json (npm and yarn; an array, or yarn's `{ packages: [...] }`), else the
 * `packages` of pnpm-workspace.yaml (shared/SPEC.md §2).
 */
export async function readWorkspaceGlobs(root: string, rootPackageJson: PackageJson | null): Promise<WorkspaceGlobs> {
  const fromPackageJson = rootPackageJson === null ? undefined : rootPackageJson['workspaces'];
  if (fromPackageJson !== undefined) return packageJsonWorkspaces(root, fromPackageJson);
  return readPnpmWorkspaceGlobs(root);
}

function packageJsonWorkspaces(root: string, workspaces: unknown): Promise<WorkspaceGlobs> {
  if (isStringArray(workspaces)) {
    return keepGlobsInsideRoot({
      file: 'package.json',
      key: 'workspaces',
      patterns: workspaces,
      locate: jsonListLocator(root, 'package.json', ['workspaces']),
    });
  }
  if (typeof workspaces === 'object' && workspaces !== null && 'packages' in workspaces) {
    if (isStringArray(workspaces.packages)) {
      return keepGlobsInsideRoot({
        file: 'package.json',
        key: 'workspaces.packages',
        patterns: workspaces.packages,
        locate: jsonListLocator(root, 'package.json', ['workspaces', 'packages']),
      });
    }
  }
  throw new UsageError(
    'package.json: /workspaces: expected an array of globs or an object with a packages array of globs',
  );
}

const NO_GLOBS: WorkspaceGlobs = { patterns: null, findings: [] };

async function readPnpmWorkspaceGlobs(root: string): Promise<WorkspaceGlobs> {
  const absPath = path.join(root, PNPM_WORKSPACE_FILE);
  if (!isPresent(absPath)) return NO_GLOBS;

  const source = await readSourceText(absPath);
  if (!source.ok) throw new UsageError(`${PNPM_WORKSPACE_FILE}: ${source.reason}`);
  // Loaded only for pnpm workspaces: yaml costs ~40 ms to load.
  const { LineCounter, isNode, isSeq, parseDocument } = await import('yaml');
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter });
  const [error] = document.errors;
  if (error !== undefined) {
    const start = error.linePos?.[0];
    const where = start === undefined ? '' : `:${start.line}:${start.col}`;
    // yaml's message ends with " at line L, column C:" and a code frame; keep one line.
    const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
    throw new UsageError(`${PNPM_WORKSPACE_FILE}${where}: invalid YAML: ${message}`);
  }

  const value: unknown = document.toJS();
  if (value === null || value === undefined) return NO_GLOBS; // an empty file
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${PNPM_WORKSPACE_FILE}: expected a mapping with a packages list`);
  }
  // pnpm-workspace.yaml may hold only settings (catalogs, overrides); without globs we
  // fall back to what a workspace without any workspace file gets.
  if (!('packages' in value) || value.packages === undefined || value.packages === null) return NO_GLOBS;
  if (!isStringArray(value.packages)) {
    throw new UsageError(`${PNPM_WORKSPACE_FILE}: /packages: expected a list of globs`);
  }
  const list = document.get('packages', true);
  return keepGlobsInsideRoot({
    file: PNPM_WORKSPACE_FILE,
    key: 'packages',
    patterns: value.packages,
    locate: async (index) => {
      // An item's range starts at its first character: a quoted scalar's quote, as in JSON.
      const item: unknown = isSeq(list) ? list.items[index] : undefined;
      const start = isNode(item) ? item.range?.[0] : undefined;
      if (start === undefined) return null;
      const { line, col } = lineCounter.linePos(start);
      return { line, column: col };
    },
  });
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
