import * as path from 'node:path';
import { planWorkspaceFixes } from '../fix/plan-workspace-fixes';
import { renderFixDryRun, renderFixSummary } from '../fix/render-fix-summary';
import { writeFixedFiles } from '../fix/write-fixed-files';
import { openCacheFor, type CacheOptions } from './cache-options';

export interface FixFlags {
  fix?: boolean;
  fixDryRun?: boolean;
}

/**
 * `check --fix` / `--fix-dry-run`, run before the check itself. Says what it did on `say`
 * (stdout for the pretty format; stderr when stdout carries a machine format) and returns
 * the fixed texts a dry run did not write, for the check to report on.
 */
export async function fixEventsFiles(
  options: CacheOptions & FixFlags,
  say: (text: string) => void,
): Promise<ReadonlyMap<string, string> | undefined> {
  // Read, never saved: the check that follows saves the cache for the files as they end up.
  const cache = await openCacheFor(options);
  const fixes = await planWorkspaceFixes({ root: options.root, cache });
  if (options.fixDryRun) {
    say(renderFixDryRun(fixes));
    return fixes.texts;
  }
  const outcomes = await writeFixedFiles(path.resolve(options.root), fixes.files);
  say(`${renderFixSummary(fixes, outcomes)}\n`);
  return undefined;
}
