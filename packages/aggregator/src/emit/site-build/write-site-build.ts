import fg from 'fast-glob';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SiteAggregation } from '../../aggregate';
import { compareCodePoints } from '../../base/compare-code-points';
import { UsageError } from '../../base/errors';
import { isPresent } from '../../fs/is-present';
import { namespaceIdentifier } from '../../merge/namespace-identifier';
import type { WorkspacePackage } from '../../model';
import { renderDispatcher, RUNTIME_SPECIFIER, type DispatcherImport } from './render-dispatcher';
import { MANIFEST_FILE, renderManifest } from './render-manifest';
import { replaceDirectory } from './replace-directory';
import { rewriteSiteAbsoluteSpecifiers } from './rewrite-specifiers';
import { PACKAGE_ROOT } from '../../base/package-layout';

/** Where the site's own events.js goes in the copy: beside it, so its relative imports still work. */
export const SITE_EVENTS_IN_COPY = 'src/backend/events.site.js';
const SITE_EVENTS = 'src/backend/events.js';
const GENERATED_FOLDER = 'src/backend/velo-events';
const RUNTIME_SOURCE = path.join(PACKAGE_ROOT, 'runtime', 'dispatch.js');

interface PlannedFile {
  /** Path inside the output folder. */
  to: string;
  /** Absolute source path, or the generated text. */
  from: string | { text: string };
  /** For package scripts: their path relative to the package's source root. */
  rewriteAs?: string;
}

/** Everything one site's build will write, decided before anything is written. */
export interface SiteBuildPlan {
  outDir: string;
  files: PlannedFile[];
}

/**
 * Plans one site's outputs (shared/SPEC.md §7): the manifest and a deployable copy of the
 * site under `site/` whose `src/backend/events.js` is the generated dispatcher. Throws
 * UsageError when the site's own files are in the way of what is generated, or when a
 * handler's module lies where the copy cannot hold it.
 */
export async function planSiteBuild(root: string, build: SiteAggregation, outDir: string): Promise<SiteBuildPlan> {
  const { site, members, report } = build;
  const siteDir = path.join(root, site.root);
  if (!isPresent(path.join(siteDir, 'package.json'))) {
    // Code copied out of the editor (shared/SPEC.md §2): its layout is not a deployable site's.
    throw new UsageError(
      `site ${site.name} has no package.json: Velo code copied out of the editor can be checked, listed and triggered, but a build needs a Git-integrated site (package.json, wix.config.json, src/backend/events.js)`,
    );
  }
  const siteFiles = await listFiles(siteDir, ['package.json', 'wix.config.json', 'src/**']);
  const clash = siteFiles.find((file) => file === SITE_EVENTS_IN_COPY || file.startsWith(`${GENERATED_FOLDER}/`));
  if (clash) {
    throw new UsageError(
      `${site.root}/${clash} is in the way: velo-events build writes ${SITE_EVENTS_IN_COPY} and ${GENERATED_FOLDER}/ in the site copy; rename it`,
    );
  }

  const files: PlannedFile[] = [];
  const siteHasEvents = siteFiles.includes(SITE_EVENTS);
  for (const file of new Set([...siteFiles, ...modulesUnder(build, site)])) {
    if (file === 'package.json') continue;
    files.push({ from: path.join(siteDir, file), to: `site/${file === SITE_EVENTS ? SITE_EVENTS_IN_COPY : file}` });
  }
  files.push({ from: { text: await deployablePackageJson(root, site, members) }, to: 'site/package.json' });

  const withHandlers = new Set(Object.values(report.events).flatMap((entry) => entry.handlers.map((h) => h.namespace)));
  const imports: DispatcherImport[] = [];
  if (withHandlers.has(site.name)) imports.push({ namespace: site.name, specifier: './events.site.js' });
  for (const member of members) {
    const folder = `${GENERATED_FOLDER}/packages/${namespaceIdentifier(member.name)}`;
    const sourceRoot = path.join(root, member.sourceRoot);
    const memberFiles = new Set([...(await listFiles(sourceRoot, ['backend/**', 'public/**'])), ...modulesUnder(build, member)]);
    for (const file of [...memberFiles].sort(compareCodePoints)) {
      files.push({
        from: path.join(sourceRoot, file),
        to: `site/${folder}/${file}`,
        ...(/\.(js|jsw|mjs)$/.test(file) ? { rewriteAs: file } : {}),
      });
    }
    if (withHandlers.has(member.name)) {
      imports.push({ namespace: member.name, specifier: `./${folder.slice('src/backend/'.length)}/backend/events.js` });
    }
  }

  files.push(
    // Other backend files may import the site's non-handler exports from backend/events.
    { from: { text: renderDispatcher(report, imports, siteHasEvents ? './events.site.js' : null) }, to: `site/${SITE_EVENTS}` },
    { from: RUNTIME_SOURCE, to: `site/src/backend/${RUNTIME_SPECIFIER.slice(2)}` },
    { from: { text: renderManifest(build) }, to: MANIFEST_FILE },
  );
  return { outDir, files };
}

/** Writes a plan; the output folder is replaced atomically. */
export async function writeSiteBuild(plan: SiteBuildPlan): Promise<void> {
  await replaceDirectory(plan.outDir, async (stage) => {
    for (const file of plan.files) {
      const target = path.join(stage, file.to);
      await mkdir(path.dirname(target), { recursive: true });
      if (typeof file.from !== 'string') {
        await writeFile(target, file.from.text);
      } else if (file.rewriteAs !== undefined) {
        await writeFile(target, rewriteSiteAbsoluteSpecifiers(await readFile(file.from, 'utf8'), file.rewriteAs));
      } else {
        await copyFile(file.from, target);
      }
    }
  });
}

/**
 * The modules `pkg`'s handlers load (from the analysis), relative to its source root for a
 * package and to its root for the site. A module outside cannot be placed in the copy.
 */
function modulesUnder(build: SiteAggregation, pkg: WorkspacePackage): string[] {
  const base = pkg === build.site ? pkg.root : pkg.sourceRoot;
  const inside = (file: string): boolean => base === '.' || file.startsWith(`${base}/`);
  const owners = [build.site, ...build.members];
  const result: string[] = [];
  for (const { file } of build.sources) {
    const owner = owners
      .filter((candidate) => candidate.root === '.' || file.startsWith(`${candidate.root}/`))
      .sort((a, b) => b.root.length - a.root.length)[0];
    if (owner === undefined) {
      throw new UsageError(
        `${file} is loaded by the handlers of site ${build.report.name} but lies outside the site and its packages; velo-events build cannot place it in the site copy — move it into the package that uses it`,
      );
    }
    if (owner === pkg && inside(file)) result.push(base === '.' ? file : file.slice(base.length + 1));
    if (owner === pkg && !inside(file)) {
      throw new UsageError(
        `${file} is loaded by ${pkg.name}'s handlers but lies outside its source folder ${base}; velo-events build cannot place it in the site copy`,
      );
    }
  }
  return result;
}

/**
 * The copy's package.json: the site's, with its workspace Velo packages (now inside the
 * copy) replaced by their own npm dependencies, so installing the copy needs nothing
 * from the workspace. The site's own version of a shared dependency wins.
 */
async function deployablePackageJson(
  root: string,
  site: WorkspacePackage,
  members: readonly WorkspacePackage[],
): Promise<string> {
  const read = async (pkg: WorkspacePackage): Promise<Record<string, unknown>> =>
    JSON.parse(await readFile(path.join(root, pkg.root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const sitePackage = await read(site);
  const memberNames = new Set(members.map((m) => m.name));
  const dependencies: Record<string, string> = {};
  for (const member of members) {
    Object.assign(dependencies, (await read(member))['dependencies'] as Record<string, string> | undefined);
  }
  Object.assign(dependencies, sitePackage['dependencies'] as Record<string, string> | undefined);
  for (const name of memberNames) delete dependencies[name];
  const sorted = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => compareCodePoints(a, b)));
  const copy = { ...sitePackage, ...(Object.keys(sorted).length > 0 || 'dependencies' in sitePackage ? { dependencies: sorted } : {}) };
  return `${JSON.stringify(copy, null, 2)}\n`;
}

async function listFiles(cwd: string, patterns: string[]): Promise<string[]> {
  // Only installed copies are skipped: a site may well keep its own code in a `build/` folder.
  const files = await fg(patterns, { cwd, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] });
  return files.sort(compareCodePoints);
}
