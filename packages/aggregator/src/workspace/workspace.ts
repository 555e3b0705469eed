import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../base/errors';
import type { FileStamp, WorkspacePackage } from '../model';
import { compareCodePoints } from '../base/compare-code-points';
import type { VeloEventsConfig } from './config';
import { isPresent } from '../fs/is-present';
import { fileStampOf } from '../fs/change-stamp';
import { globPackageRoots } from './package-roots';
import { readPackageJson, readPackageJsonSync, type PackageJson } from './read-package-json';
import { readWorkspaceGlobs } from './workspace-globs';

/** The Git-integration marker of a Wix site repo (shared/velo/FACTS.md §b). */
const SITE_MARKER = 'wix.config.json';
const SITE_EVENTS_FILE = 'src/backend/events.js';
/**
 * Where a Velo package keeps its events.js, in order of preference. `backend/` at the
 * package root is the layout of a Velo package itself (the editor shows a package as
 * `backend/` and `public/` folders); `src/backend/` is the site layout, which a package
 * may also use. When a package has both, `backend/events.js` is the one that is the
 * package's own code, and picking one rule keeps the answer independent of file-system
 * order; the other file is not analyzed.
 */
const PACKAGE_EVENTS_LAYOUTS = [
  { eventsFile: 'backend/events.js', sourceRoot: '.' },
  { eventsFile: 'src/backend/events.js', sourceRoot: 'src' },
] as const;

interface RoleOverrides {
  /** Roots that are sites, when the config says so; null: decided by wix.config.json. */
  siteRoots: ReadonlySet<string> | null;
  /** Roots that may be Velo packages, when the config says so; null: any. */
  packageRoots: ReadonlySet<string> | null;
}

/**
 * Finds the workspace packages below `root` and what each one is (shared/SPEC.md §2):
 * site, Velo package, or other. Paths are workspace-relative POSIX and the list is sorted
 * by root, so the result does not depend on where the workspace lies or on the order the
 * file system lists folders in. Throws UsageError for a broken package.json or workspace
 * file (the user's configuration).
 */
export async function discoverWorkspace(
  root: string,
  config: VeloEventsConfig,
  manifests?: ManifestMemory,
): Promise<WorkspacePackage[]> {
  await requireDirectory(root);
  const rootPackageJson = await readPackageJson(root, '.');
  const globs = await readWorkspaceGlobs(root, rootPackageJson);

  const overrides: RoleOverrides = {
    siteRoots: config.sites === null ? null : new Set(await globPackageRoots(root, config.sites)),
    packageRoots: config.packages === null ? null : new Set(await globPackageRoots(root, config.packages)),
  };

  // Without workspace globs every package.json below the root is a package. The root
  // itself only counts through the rule below, in every mode: a single-site Wix repo
  // (package.json + wix.config.json at the top) is the most common layout, while a
  // plain monorepo root is tooling, not a package — unless the config names it a site.
  const manifestStats = new Map<string, Stats>();
  const roots = new Set((await globPackageRoots(root, globs ?? ['**'], manifestStats)).filter((r) => r !== '.'));
  const rootIsPackage =
    rootPackageJson !== null && ((overrides.siteRoots?.has('.') ?? false) || isWixShapedRoot(root));
  if (rootIsPackage) roots.add('.');
  const packages: WorkspacePackage[] = [];
  // One after another, synchronously where possible: a promise per package costs more than its file reads.
  for (const packageRoot of roots) {
    // Taken by the folder listing, before any reading: what an earlier run read is reused
    // while its package.json keeps its size and change time (as the module cache does).
    const stats = packageRoot === '.' ? undefined : manifestStats.get(packageRoot);
    const stamp = fileStampOf(stats);
    const recalled = stamp ? manifests?.recall(packageRoot, stamp) : undefined;
    const packageJson =
      recalled ??
      (packageRoot === '.' ? rootPackageJson : (readPackageJsonSync(root, packageRoot, stats) ?? (await readPackageJson(root, packageRoot))));
    if (stamp && packageJson) manifests?.remember(packageRoot, stamp, packageIdentity(packageJson));
    packages.push(describePackage(root, packageRoot, packageJson ?? {}, overrides));
  }
  const copiedSite = rootPackageJson === null ? packageLessSite(root) : null;
  if (copiedSite) packages.push(copiedSite);
  return packages.sort((a, b) => compareCodePoints(a.root, b.root));
}

/**
 * Velo code copied out of the editor (a `backend/` folder, or a site's `src/`) with no
 * package.json and no wix.config.json: the root itself is one site, named after its folder
 * (shared/SPEC.md §2), rather than a workspace with nothing in it.
 */
function packageLessSite(root: string): WorkspacePackage | null {
  const layouts = [
    { eventsFile: SITE_EVENTS_FILE, sourceRoot: 'src' },
    { eventsFile: 'backend/events.js', sourceRoot: '.' },
  ];
  const layout = layouts.find(({ eventsFile }) => isPresent(path.join(root, eventsFile)));
  if (!layout) return null;
  return { name: path.basename(root), root: '.', kind: 'site', eventsFile: layout.eventsFile, sourceRoot: layout.sourceRoot, dependencies: [] };
}

function describePackage(root: string, packageRoot: string, packageJson: PackageJson, overrides: RoleOverrides): WorkspacePackage {
  const name = packageName(packageJson, packageRoot);
  const dependencies = dependencyNames(packageJson);
  const present = (relative: string): boolean => isPresent(path.join(root, packageRoot, relative));

  const isSite =
    overrides.siteRoots === null ? present(SITE_MARKER) : overrides.siteRoots.has(packageRoot);
  if (isSite) {
    // A site without events.js has an empty table, not an error (SPEC §2).
    return {
      name,
      root: packageRoot,
      kind: 'site',
      eventsFile: present(SITE_EVENTS_FILE) ? join(packageRoot, SITE_EVENTS_FILE) : null,
      sourceRoot: join(packageRoot, 'src'),
      dependencies,
    };
  }

  const mayBeVeloPackage = overrides.packageRoots === null || overrides.packageRoots.has(packageRoot);
  if (mayBeVeloPackage) {
    for (const layout of PACKAGE_EVENTS_LAYOUTS) {
      if (!present(layout.eventsFile)) continue;
      return {
        name,
        root: packageRoot,
        kind: 'package',
        eventsFile: join(packageRoot, layout.eventsFile),
        sourceRoot: join(packageRoot, layout.sourceRoot),
        dependencies,
      };
    }
  }
  // Not analyzed, so no events file, even when one exists but the config excludes it.
  return { name, root: packageRoot, kind: 'other', eventsFile: null, sourceRoot: packageRoot, dependencies };
}

/** Whether the root is itself a Wix site or Velo package (a single-repo project). */
function isWixShapedRoot(root: string): boolean {
  for (const marker of [SITE_MARKER, ...PACKAGE_EVENTS_LAYOUTS.map((layout) => layout.eventsFile)]) {
    if (isPresent(path.join(root, marker))) return true;
  }
  return false;
}

/**
 * package.json files read by an earlier run (the report cache keeps them), reused while
 * each keeps its size and change time. Only what discovery reads of one is kept.
 */
export interface ManifestMemory {
  recall(packageRoot: string, stamp: FileStamp): PackageJson | undefined;
  remember(packageRoot: string, stamp: FileStamp, packageJson: PackageJson): void;
}

/** The fields of a package.json that describePackage reads, as they are. */
function packageIdentity(packageJson: PackageJson): PackageJson {
  return { name: packageJson['name'], dependencies: packageJson['dependencies'] };
}

/** The namespace of the package's handlers; an unnamed package is named by its root. */
function packageName(packageJson: PackageJson, packageRoot: string): string {
  const name = packageJson['name'];
  return typeof name === 'string' && name.trim() !== '' ? name : packageRoot;
}

/** SPEC §2 counts `dependencies` only: dev dependencies are not installed with a package. */
function dependencyNames(packageJson: PackageJson): string[] {
  const dependencies = packageJson['dependencies'];
  if (typeof dependencies !== 'object' || dependencies === null || Array.isArray(dependencies)) return [];
  return Object.keys(dependencies).sort(compareCodePoints);
}

function join(packageRoot: string, relative: string): string {
  if (relative === '.') return packageRoot;
  return packageRoot === '.' ? relative : `${packageRoot}/${relative}`;
}

async function requireDirectory(root: string): Promise<void> {
  try {
    if ((await stat(root)).isDirectory()) return;
  } catch (error) {
    throw new UsageError(`workspace root ${root} does not exist or cannot be read`, { cause: error });
  }
  throw new UsageError(`workspace root ${root} is not a directory`);
}
