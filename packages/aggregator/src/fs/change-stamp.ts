import { statSync, type Stats } from 'node:fs';
import type { FileStamp } from '../model';

/**
 * A file's size and inode change time: what the caches compare to know a file has not been
 * written since (a build, an install, even a chmod moves the change time, and nothing sets
 * it back), without reading it. null when there is no file to stat. The bin loads this
 * before its code cache is installed (cache/compile-cache), so it imports nothing of ours
 * (`FileStamp` is a type only, gone from the compiled file).
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

/** The model's stamp of what `stats` describes; null unless it is a regular file. */
export function fileStampOf(stats: Stats | null | undefined): FileStamp | null {
  return stats?.isFile() ? { size: stats.size, ctimeMs: stats.ctimeMs } : null;
}
