import fg from 'fast-glob';
import path from 'node:path';
import { compareCodePoints } from '../base/compare-code-points';
import type { Finding, WorkspacePackage } from '../model';
import { CONFIG_FILE_NAME, type VeloEventsConfig } from './config';
import { IGNORED_FOLDERS } from './package-roots';

/** How many of the events.js files found the message names. */
const NAMED = 5;

/**
 * What to say when a run finds no site and no Velo package that counts (shared/SPEC.md
 * §2, Nothing found): never a bare success. Names where events.js files are, if any, why
 * each does not count (no package holds it, or the package holding it has neither a name
 * nor wix.config.json), how to make it count, and the workspace patterns velo-events left
 * out (`findings`), which may be why nothing was found.
 */
export async function describeEmptyWorkspace(
  root: string,
  packages: readonly WorkspacePackage[],
  config: VeloEventsConfig,
  findings: readonly Finding[],
): Promise<string> {
  const shown = path.relative(process.cwd(), root).split(path.sep).join('/') || '.';
  const kinds =
    'a site is a package with wix.config.json (its handlers in src/backend/events.js), a Velo package one with backend/events.js or src/backend/events.js';
  const found = (
    await fg('**/events.js', { cwd: root, ignore: IGNORED_FOLDERS.map((folder) => `**/${folder}/**`), followSymbolicLinks: false })
  ).sort(compareCodePoints);
  const unnamed = packages.filter((p) => p.kind === 'package' && p.nameFromFolder === true && p.eventsFile !== null);
  const held = new Set(unnamed.map((p) => p.eventsFile));
  const unheld = found.filter((file) => !held.has(file));
  const leftOut = findings.map((f) => `; ${f.file}:${f.line}:${f.column}: ${f.message}`).join('');
  const apps = wixCliApps(packages);
  if (unnamed.length === 0 && unheld.length === 0) {
    return `no site or Velo package in ${shown}${apps}, and no events.js below it: ${kinds}; run velo-events where they are, or pass --root${leftOut}`;
  }
  const reasons: string[] = [];
  if (unnamed.length > 0) reasons.push(unnamedPackages(unnamed, config.sites !== null));
  if (unheld.length > 0) reasons.push(unheldFiles(unheld, shown));
  return `no site or Velo package in ${shown}${apps}: ${kinds}; ${reasons.join('; ')}${leftOut}`;
}

/**
 * What to say of the Wix CLI apps found (workspace/wix-cli-app): a project with nothing for
 * velo-events to check may simply be an app, where Velo's events.js handlers do not run.
 */
function wixCliApps(packages: readonly WorkspacePackage[]): string {
  const apps = packages.filter((p) => p.wixCliApp !== undefined);
  if (apps.length === 0) return '';
  const where = apps.slice(0, NAMED).map((p) => (p.root === '.' ? 'the project here' : p.root)).join(', ');
  const markers = apps.length === 1 ? (apps[0]!.wixCliApp === 'appId' ? 'its wix.config.json has an `appId`' : 'its wix.config.json says `"projectType": "App"`') : 'their wix.config.json files mark them as apps';
  return ` (${where} ${apps.length === 1 ? 'is a Wix CLI app' : 'are Wix CLI apps'}: ${markers}, and apps handle backend events with event extensions in src/extensions/, not Velo's events.js)`;
}

/** events.js files that no package holds where a site or Velo package keeps its own. */
function unheldFiles(found: readonly string[], shown: string): string {
  const named = found.slice(0, NAMED).join(', ') + (found.length > NAMED ? ` and ${found.length - NAMED} more` : '');
  const folder = codeFolderOf(found[0]!);
  const rootHint = folder === null ? '' : `run with --root ${path.posix.join(shown, folder)}, or `;
  return `found events.js at ${named}, which none of them holds — ${rootHint}name their folders in velo-events.config.json "sites" or "packages"`;
}

/**
 * Packages with an events.js that count for nothing (workspace countsForVelo): not a site,
 * and without a package.json name no site's `dependencies` can name them.
 */
function unnamedPackages(unnamed: readonly WorkspacePackage[], sitesFromConfig: boolean): string {
  const shownPackages = unnamed.slice(0, NAMED);
  const named =
    shownPackages.map((p) => `${p.eventsFile} (in the package at ${p.root})`).join(', ') +
    (unnamed.length > NAMED ? ` and ${unnamed.length - NAMED} more` : '');
  const sitesKey = `${CONFIG_FILE_NAME} "sites"`;
  if (unnamed.length === 1) {
    const [pkg] = unnamed as [WorkspacePackage];
    const manifest = manifestOf(pkg);
    const notASite = sitesFromConfig
      ? `${sitesKey} does not list its folder, so it is no site`
      : `has no wix.config.json beside it, so it is no site`;
    const asSite = sitesFromConfig
      ? `list "${pkg.root}" in ${sitesKey}`
      : `add wix.config.json beside ${manifest} (Wix's Git integration puts one there) or list "${pkg.root}" in ${sitesKey}`;
    return `found ${named}, which does not count: its package.json has no "name", so no site can depend on it as a Velo package, and ${notASite} — if it is a Wix site, ${asSite}; if it is a Velo package, give ${manifest} a "name"`;
  }
  const notSites = sitesFromConfig
    ? `${sitesKey} does not list their folders, so they are no sites`
    : `have no wix.config.json beside them, so they are no sites`;
  const asSites = sitesFromConfig
    ? `list its folder in ${sitesKey}`
    : `add wix.config.json beside its package.json (Wix's Git integration puts one there) or list its folder in ${sitesKey}`;
  return `found ${named}, which do not count: their package.json files have no "name", so no site can depend on them as Velo packages, and ${notSites} — for each that is a Wix site, ${asSites}; for each Velo package, give its package.json a "name"`;
}

function manifestOf(pkg: WorkspacePackage): string {
  return pkg.root === '.' ? 'package.json' : `${pkg.root}/package.json`;
}

/** The folder that would be a site or package root for an events.js found there. */
function codeFolderOf(file: string): string | null {
  for (const layout of ['src/backend/events.js', 'backend/events.js']) {
    if (file === layout) return null;
    if (file.endsWith(`/${layout}`)) return file.slice(0, -layout.length - 1);
  }
  return null;
}
