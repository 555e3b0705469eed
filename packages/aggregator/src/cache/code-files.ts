import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Written by `npm run build` next to the compiled code: the list below, made once. */
export const CODE_FILE_LIST = 'code-files.json';

/**
 * The aggregator's code files under `codeDir` (dist/, or src/ under ts-jest), relative and
 * sorted. A recursive folder listing costs a warm run ~20 ms, so a build lists them once;
 * without that list (src/) the folder is listed. A build that adds a file also changes a
 * file that requires it, so a stale list never hides a change from those who stat it.
 */
export function codeFiles(codeDir: string): string[] {
  try {
    return JSON.parse(readFileSync(path.join(codeDir, CODE_FILE_LIST), 'utf8')) as string[];
  } catch {
    return listCodeFiles(codeDir);
  }
}

export function listCodeFiles(codeDir: string): string[] {
  return readdirSync(codeDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(js|ts)$/.test(name) && !/\.(spec|d)\.ts$/.test(name))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}
