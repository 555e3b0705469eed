import { statSync } from 'node:fs';

/**
 * A file's size and inode change time: what the caches compare to know a file has not been
 * written since (a build, an install, even a chmod moves the change time, and nothing sets
 * it back), without reading it. null when there is no file to stat. The bin loads this
 * before its code cache is installed (cache/compile-cache), so it imports nothing of ours.
 */
export type ChangeStamp = readonly [size: number, ctimeMs: number];

export function changeStampOf(file: string): ChangeStamp | null {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats === undefined ? null : [stats.size, stats.ctimeMs];
  } catch {
    return null;
  }
}
