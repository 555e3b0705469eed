import fg from 'fast-glob';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SiteAggregation } from '../aggregate';
import { IGNORED_FOLDERS } from '../discover/package-roots';
import { UsageError } from '../errors';
import { namespaceIdentifier } from '../merge/namespace-identifier';
import { renderDispatcher, RUNTIME_SPECIFIER, type DispatcherImport } from './render-dispatcher';
import { MANIFEST_FILE, renderManifest } from './render-manifest';
import { replaceDirectory } from './replace-directory';
import { rewriteSiteAbsoluteSpecifiers } from './rewrite-specifiers';

/** Where the site's own events.js goes in the copy: beside it, so its relative imports still work. */
export const SITE_EVENTS_IN_COPY = 'src/backend/events.site.js';
const GENERATED_FOLDER = 'src/backend/velo-events';
const RUNTIME_SOURCE = path.join(__dirname, '..', '..', 'runtime', 'dispatch.js');

interface PlannedFile {
  /** Absolute source path, or null for generated text. */
  from: string | null;
  /** Path inside the output folder. */
  to: string;
  text?: string;
  /** For package files: their path relative to the package's source root. */
  rewriteAs?: string;
}

/**
 * Writes one site's build outputs into `outDir` (shared/SPEC.md §7): the manifest and a
 * deployable copy of the site under `site/` whose `src/backend/events.js` is the generated
 * dispatcher. The whole folder is replaced atomically.
 */
export async function writeSiteBuild(root: string, build: SiteAggregation, outDir: string): Promise<string[]> {
  const plan = await planSiteBuild(root, build);
  await replaceDirectory(outDir, async (stage) => {
    for (const file of plan) {
      const target = path.join(stage, file.to);
      await mkdir(path.dirname(target), { recursive: true });
      if (file.from === null) {
        await writeFile(target, file.text!);
      } else if (file.rewriteAs !== undefined) {
        await writeFile(target, rewriteSiteAbsoluteSpecifiers(await readFile(file.from, 'utf8'), file.rewriteAs));
      } else {
        await copyFile(file.from, target);
      }
    }
  });
  return plan.map((file) => file.to).sort();
}

async function planSiteBuild(root: string, build: SiteAggregation): Promise<PlannedFile[]> {
  const { site, members, report } = build;
  const siteDir = path.join(root, site.root);
  const siteFiles = await listFiles(siteDir, ['package.json', 'wix.config.json', 'src/**']);
  const generatedPaths = [SITE_EVENTS_IN_COPY, `${GENERATED_FOLDER}/**`];
  const clash = siteFiles.find((file) => file === SITE_EVENTS_IN_COPY || file.startsWith(`${GENERATED_FOLDER}/`));
  if (clash) {
    throw new UsageError(
      `${site.root}/${clash} is in the way: velo-events build writes ${generatedPaths.join(' and ')} in the site copy; rename it`,
    );
  }

  const plan: PlannedFile[] = [];
  const siteEvents = 'src/backend/events.js';
  for (const file of siteFiles) {
    const to = file === siteEvents ? SITE_EVENTS_IN_COPY : file;
    plan.push({ from: path.join(siteDir, file), to: `site/${to}` });
  }

  const namespacesWithHandlers = new Set(
    Object.values(report.events).flatMap((entry) => entry.handlers.map((h) => h.namespace)),
  );
  const imports: DispatcherImport[] = [];
  if (namespacesWithHandlers.has(site.name)) imports.push({ namespace: site.name, specifier: './events.site.js' });
  for (const member of members) {
    const folder = `${GENERATED_FOLDER}/packages/${namespaceIdentifier(member.name)}`;
    const sourceRoot = path.join(root, member.sourceRoot);
    for (const file of await listFiles(sourceRoot, ['backend/**', 'public/**'])) {
      const isScript = /\.(js|jsw|mjs)$/.test(file);
      plan.push({
        from: path.join(sourceRoot, file),
        to: `site/${folder}/${file}`,
        ...(isScript ? { rewriteAs: file } : {}),
      });
    }
    if (namespacesWithHandlers.has(member.name)) {
      imports.push({ namespace: member.name, specifier: `./${folder.slice('src/backend/'.length)}/backend/events.js` });
    }
  }

  plan.push(
    { from: null, to: `site/${siteEvents}`, text: renderDispatcher(report, imports) },
    { from: RUNTIME_SOURCE, to: `site/src/backend/${RUNTIME_SPECIFIER.slice(2)}` },
    { from: null, to: MANIFEST_FILE, text: renderManifest(build) },
  );
  return plan;
}

async function listFiles(cwd: string, patterns: string[]): Promise<string[]> {
  const files = await fg(patterns, {
    cwd,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: IGNORED_FOLDERS.map((folder) => `**/${folder}/**`),
  });
  return files.sort();
}
