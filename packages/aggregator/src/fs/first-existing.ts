import { statSync, type Stats } from 'node:fs';
import * as path from 'node:path';

/**
 * The first candidate that is a file; failing that, the first that exists at all. `stat`
 * may answer from stats already taken (the report cache's check stats each module first).
 */
export function firstExisting(
  root: string,
  candidates: readonly string[],
  stat: (absPath: string) => Stats | null = statOrNull,
): string | null {
  let firstPresent: string | null = null;
  for (const candidate of candidates) {
    const info = stat(path.join(root, candidate));
    if (info?.isFile()) return candidate;
    if (info && firstPresent === null) firstPresent = candidate;
  }
  return firstPresent;
}

export function statOrNull(absPath: string): Stats | null {
  try {
    return statSync(absPath, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}
