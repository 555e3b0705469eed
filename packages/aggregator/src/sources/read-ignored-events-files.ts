import * as path from 'node:path';
import { fileStampOf } from '../fs/change-stamp';
import { statOrNull } from '../fs/first-existing';
import { readRegularFileTextSync, readSourceText, type SourceText } from '../fs/read-source';
import type { Finding, RunInputs, WorkspacePackage } from '../model';
import { preloadTypeScript } from '../cache/preload-typescript';

export interface IgnoredEventsFiles {
  /** The `ignored-events-file` findings of each package's files, by package root. */
  findings: Map<string, Finding[]>;
  /** Each file read, with the size and change time taken before reading it (the report cache's inputs). */
  files: RunInputs['files'];
  /** False when a file was not read from disk as it is now (a given text, an unreadable file). */
  everyFileStamped: boolean;
}

/**
 * Reads the files of every package's `ignoredEventsFiles` (workspace/ found them) and says
 * which handlers in them Velo never calls. Few files and small ones, so no module cache and
 * no worker: each is read and parsed here. `texts` replaces some files' contents, as in
 * load-module-graph.
 */
export async function readIgnoredEventsFiles(
  root: string,
  packages: readonly WorkspacePackage[],
  texts?: ReadonlyMap<string, string>,
): Promise<IgnoredEventsFiles> {
  const result: IgnoredEventsFiles = { findings: new Map(), files: [], everyFileStamped: true };
  if (!packages.some((pkg) => pkg.ignoredEventsFiles)) return result;
  // Loaded here, after the code cache's TypeScript: a module that requires TypeScript when it
  // is loaded would have every run compile it anew (~100 ms), files to read or not.
  preloadTypeScript();
  const { ignoredEventsFileFindings } = await import('../validate/ignored-events-file');
  for (const pkg of packages) {
    if (!pkg.ignoredEventsFiles) continue;
    const findings: Finding[] = [];
    for (const file of pkg.ignoredEventsFiles) {
      const absPath = path.join(root, file);
      const override = texts?.get(file);
      // Taken before reading: a write in between then shows as a change next time.
      const stats = override === undefined ? statOrNull(absPath) : null;
      const stamp = fileStampOf(stats);
      const source: SourceText =
        override !== undefined
          ? { ok: true, text: override }
          : ((stats && readRegularFileTextSync(absPath, stats)) ?? (await readSourceText(absPath)));
      if (stamp && source.ok) result.files.push([file, stamp.size, stamp.ctimeMs]);
      else result.everyFileStamped = false;
      findings.push(...ignoredEventsFileFindings(pkg, file, source));
    }
    result.findings.set(pkg.root, findings);
  }
  return result;
}
