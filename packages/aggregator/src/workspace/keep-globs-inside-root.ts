import path from 'node:path';
import { locateJsonValue } from '../base/parse-json-text';
import type { Finding } from '../model';
import { readSourceText } from '../fs/read-source';

/** A 1-based place in a file. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A list of package-root globs as the user wrote it. */
export interface GlobList {
  /** The workspace-relative file that holds it: package.json, pnpm-workspace.yaml, velo-events.config.json. */
  file: string;
  /** The key it is under, as the user reads it: `workspaces`, `packages`, `sites`. */
  key: string;
  patterns: readonly string[];
  /** Where the pattern at `index` starts in `file`; null when that cannot be told. Asked only for a pattern that leaves the root. */
  locate(index: number): Promise<TextPosition | null>;
}

/**
 * The patterns of `list` that stay inside the workspace root, and an `outside-root-pattern`
 * finding for each one that leads outside it (`../shared/*`, an absolute path). velo-events
 * looks only below the root, so such a pattern is left out; it is never dropped without a
 * word (shared/SPEC.md §2), and the rest of the workspace still runs.
 */
export async function keepGlobsInsideRoot(list: GlobList): Promise<{ patterns: string[]; findings: Finding[] }> {
  const patterns: string[] = [];
  const findings: Finding[] = [];
  for (const [index, pattern] of list.patterns.entries()) {
    if (!leavesRoot(pattern)) {
      patterns.push(pattern);
      continue;
    }
    // A list read from the file has every pattern in it; a config given in code may not.
    const at = (await list.locate(index)) ?? { line: 1, column: 1 };
    findings.push({
      code: 'outside-root-pattern',
      file: list.file,
      ...at,
      message: `"${list.key}" pattern "${pattern}" leads outside the workspace root, where velo-events does not look, so it is left out; run velo-events with --root at a folder that holds every package`,
    });
  }
  return { patterns, findings };
}

/**
 * `locate` for a list in a JSON file below `root` at `listPath` (`['workspaces']`): the
 * file is read again, only when a pattern leaves the root, since the parsed value that
 * discovery keeps has no positions.
 */
export function jsonListLocator(root: string, file: string, listPath: readonly (string | number)[]): GlobList['locate'] {
  let text: Promise<string | null> | undefined;
  return async (index) => {
    text ??= readSourceText(path.join(root, file)).then((source) => (source.ok ? source.text : null));
    const found = await text;
    return found === null ? null : locateJsonValue(found, [...listPath, index]);
  };
}

function leavesRoot(pattern: string): boolean {
  const positive = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (path.posix.isAbsolute(positive) || path.win32.isAbsolute(positive)) return true;
  const normalized = path.posix.normalize(positive.replace(/\\/g, '/'));
  return normalized === '..' || normalized.startsWith('../');
}
