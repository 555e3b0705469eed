import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../base/errors';
import type { FileStamp, Finding, WorkspacePackage } from '../model';
import { compareCodePoints } from '../base/compare-code-points';
import { CONFIG_FILE_NAME, type VeloEventsConfig } from './config';
import { isPresent } from '../fs/is-present';
import { fileStampOf } from '../fs/change-stamp';
import { globPackageRoots } from './package-roots';
import { readPackageJson, readPackageJsonSync, type PackageJson } from './read-package-json';
import { readWorkspaceGlobs } from './workspace-globs';
import { folderName } from './folder-name';
import { jsonListLocator, keepGlobsInsideRoot } from './keep-globs-inside-root';
import { findIgnoredEventsFiles, PACKAGE_BACKEND_FOLDERS, SITE_BACKEND_FOLDERS } from './ignored-events-files';
import { wixCliAppMarker } from './wix-cli-app';

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

export interface DiscoveryOptions {
  /** package.json files an earlier run read (the report cache's). */
  manifests?: ManifestMemory;
  /**
   * Told what discovery finds wrong in the workspace's own files and still runs past: each
   * `outside-root-pattern` (a pattern of package.json, pnpm-workspace.yaml or the config).
   */
  onFinding?: (finding: Finding) => void;
}

/**
 * Finds the workspace packages below `root` and what each one is (shared/SPEC.md §2):
 * site, Velo package, or other. Paths are workspace-relative POSIX and the list is sorted
 * by root, so the result does not depend on where the workspace lies (but for the name of
 * an unnamed root package, see folderName) or on the order the file system lists folders
 * in. Throws UsageError for a broken package.json or workspace file (the user's
 * configuration).
 */
export async function discoverWorkspace(
  root: string,
  config: VeloEventsConfig,
  { manifests, onFinding }: DiscoveryOptions = {},
): Promise<WorkspacePackage[]> {
  await requireDirectory(root);
  const rootPackageJson = await readPackageJson(root, '.');
  const workspaceGlobs = await readWorkspaceGlobs(root, rootPackageJson);
  const globs = workspaceGlobs.patterns;
  const findings = [...workspaceGlobs.findings];
  // The config's globs go the same way as the workspace's: one leading outside is reported and left out.
  const configGlobs = async (key: 'sites' | 'packages', patterns: readonly string[] | null): Promise<string[] | null> => {
    if (patterns === null) return null;
    const locate = jsonListLocator(root, CONFIG_FILE_NAME, [key]);
    const inside = await keepGlobsInsideRoot({ file: CONFIG_FILE_NAME, key, patterns, locate });
    findings.push(...inside.findings);
    return inside.patterns;
  };
  const sites = await configGlobs('sites', config.sites);
  const veloPackages = await configGlobs('packages', config.packages);
  for (const finding of findings) onFinding?.(finding);

  const overrides: RoleOverrides = {
    siteRoots: sites === null ? null : new Set(await globPackageRoots(root, sites)),
    packageRoots: veloPackages === null ? null : new Set(await globPackageRoots(root, veloPackages)),
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
    const described = describePackage(root, packageRoot, packageJson ?? {}, overrides);
    packages.push(hasOwnName(packageJson ?? {}) ? described : { ...described, nameFromFolder: true });
  }
  const copiedSite = rootPackageJson === null ? packageLessSite(root) : null;
  if (copiedSite) packages.push({ ...copiedSite, nameFromFolder: true });
  return packages.sort((a, b) => compareCodePoints(a.root, b.root));
}

/**
 * Velo code copied out of the editor (a `backend/` folder, or a site's `src/`) with no
 * package.json and no wix.config.json: the root itself is one site, named after its folder
 * (shared/SPEC.md §2), rather than a workspace with nothing in it. With an `events.ts` (or
 * the like) there instead of events.js, the root is no site, but it is kept (kind 'other')
 * so that its handlers are reported as never called rather than passed over.
 */
function packageLessSite(root: string): WorkspacePackage | null {
  const layouts = [
    { eventsFile: SITE_EVENTS_FILE, sourceRoot: 'src' },
    { eventsFile: 'backend/events.js', sourceRoot: '.' },
  ];
  const name = path.basename(root);
  const layout = layouts.find(({ eventsFile }) => isPresent(path.join(root, eventsFile)));
  if (!layout) {
    const ignored = findIgnoredEventsFiles(root, '.', PACKAGE_BACKEND_FOLDERS);
    return ignored.length === 0 ? null : withIgnoredFiles({ name, root: '.', kind: 'other', eventsFile: null, sourceRoot: '.', dependencies: [] }, ignored);
  }
  const site: WorkspacePackage = { name, root: '.', kind: 'site', eventsFile: layout.eventsFile, sourceRoot: layout.sourceRoot, dependencies: [] };
  return withIgnoredFiles(site, findIgnoredEventsFiles(root, '.', [path.posix.dirname(layout.eventsFile)]));
}

function describePackage(root: string, packageRoot: string, packageJson: PackageJson, overrides: RoleOverrides): WorkspacePackage {
  const name = hasOwnName(packageJson) ? packageJson['name'] : folderName(root, packageRoot);
  const dependencies = dependencyNames(packageJson);
  const present = (relative: string): boolean => isPresent(path.join(root, packageRoot, relative));
  const ignoredIn = (folders: readonly string[], includeEventsJs = false): string[] =>
    findIgnoredEventsFiles(root, packageRoot, folders, { includeEventsJs });
  const hasSiteMarker = present(SITE_MARKER);

  const appMarker = hasSiteMarker ? wixCliAppMarker(root, packageRoot) : null;
  if (appMarker !== null) {
    // Never a site, even one the config names: Velo runs no events.js handler in an app, so
    // it has no table and nothing to build. It is kept, as kind 'other', so that each of its
    // events files is reported as such (SPEC §2) and a run over it is never a bare success.
    const app: WorkspacePackage = { name, root: packageRoot, kind: 'other', eventsFile: null, sourceRoot: packageRoot, dependencies, wixCliApp: appMarker };
    return withIgnoredFiles(app, ignoredIn(PACKAGE_BACKEND_FOLDERS, true));
  }

  const isSite = overrides.siteRoots === null ? hasSiteMarker : overrides.siteRoots.has(packageRoot);
  if (isSite) {
    // A site without events.js has an empty table, not an error (SPEC §2).
    const site: WorkspacePackage = {
      name,
      root: packageRoot,
      kind: 'site',
      eventsFile: present(SITE_EVENTS_FILE) ? join(packageRoot, SITE_EVENTS_FILE) : null,
      sourceRoot: join(packageRoot, 'src'),
      dependencies,
    };
    return withIgnoredFiles(site, ignoredIn(SITE_BACKEND_FOLDERS));
  }

  const mayBeVeloPackage = overrides.packageRoots === null || overrides.packageRoots.has(packageRoot);
  if (mayBeVeloPackage) {
    const ignored = ignoredIn(PACKAGE_BACKEND_FOLDERS);
    for (const layout of PACKAGE_EVENTS_LAYOUTS) {
      if (!present(layout.eventsFile)) continue;
      const veloPackage: WorkspacePackage = {
        name,
        root: packageRoot,
        kind: 'package',
        eventsFile: join(packageRoot, layout.eventsFile),
        sourceRoot: join(packageRoot, layout.sourceRoot),
        dependencies,
      };
      return withIgnoredFiles(veloPackage, ignored);
    }
    // A Velo package but for its events.ts: not one (Velo reads nothing there), yet its
    // handlers are reported as never called rather than passed over in silence.
    if (ignored.length > 0) {
      return withIgnoredFiles({ name, root: packageRoot, kind: 'other', eventsFile: null, sourceRoot: packageRoot, dependencies }, ignored);
    }
  }
  // Not analyzed, so no events file, even when one exists but the config excludes it.
  return { name, root: packageRoot, kind: 'other', eventsFile: null, sourceRoot: packageRoot, dependencies };
}

/** The package with its ignored events files, when it has any (the field is absent otherwise). */
function withIgnoredFiles(pkg: WorkspacePackage, ignoredEventsFiles: string[]): WorkspacePackage {
  return ignoredEventsFiles.length === 0 ? pkg : { ...pkg, ignoredEventsFiles };
}

/**
 * Whether the root is itself a Wix site or Velo package (a single-repo project), or would
 * be one but for an events.ts (reported then, never skipped).
 */
function isWixShapedRoot(root: string): boolean {
  for (const marker of [SITE_MARKER, ...PACKAGE_EVENTS_LAYOUTS.map((layout) => layout.eventsFile)]) {
    if (isPresent(path.join(root, marker))) return true;
  }
  return findIgnoredEventsFiles(root, '.', PACKAGE_BACKEND_FOLDERS).length > 0;
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

/**
 * Whether a package makes a run worth its report: a site, or a Velo package a site can depend
 * on. A Velo package without a package.json name cannot be one: it is neither a site (no
 * wix.config.json) nor reachable through a site's `dependencies`, which name packages by
 * their package.json name (SPEC §2, Nothing found: such a package does not count).
 */
export function countsForVelo(pkg: WorkspacePackage): boolean {
  return pkg.kind === 'site' || (pkg.kind === 'package' && pkg.nameFromFolder !== true);
}

/** Whether package.json names the package (the namespace of its handlers); else its folder does. */
function hasOwnName(packageJson: PackageJson): packageJson is PackageJson & { name: string } {
  const name = packageJson['name'];
  return typeof name === 'string' && name.trim() !== '';
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
