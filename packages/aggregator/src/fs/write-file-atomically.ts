import { chmod, open, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { uniqueSuffix } from './unique-suffix';

export interface AtomicWriteOptions {
  /** Flushed to disk before the rename: a user's own file, where a crash must leave the old or the new. */
  fsync?: boolean;
  /** Permission bits of the new file (a fixed file keeps those of the one it replaces). */
  mode?: number;
  /**
   * Asked once the new bytes are written, just before the rename: false leaves the target as
   * it is (an editor saved the file meanwhile) and the write returns false.
   */
  stillWanted?: () => Promise<boolean>;
}

/**
 * Writes a file whole or not at all: a temporary file beside it, then a rename, so a reader
 * (a browser, a CI upload, the next run reading a cache, an editor) never sees half of it.
 * The temporary name is hidden and unique per write: two runs, or two saves in one process
 * (watch, a library user), may write at once. A failed or unwanted write leaves no
 * temporary file. Returns whether the file was written.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<boolean> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.velo-events-${uniqueSuffix()}.tmp`);
  try {
    // Created private when it will get its own mode: never readable by others in between.
    const handle = await open(temp, 'wx', options.mode === undefined ? 0o666 : 0o600);
    try {
      await handle.writeFile(data);
      if (options.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.mode !== undefined) await chmod(temp, options.mode);
    // Looked at as late as possible: the window in which an edit can be lost is the rename.
    if (options.stillWanted && !(await options.stillWanted())) {
      await rm(temp, { force: true });
      return false;
    }
    await rename(temp, file);
    return true;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
