import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Writes a file whole or not at all: a temporary file beside it, then a rename, so a reader
 * (a browser, a CI upload, the next run reading a cache) never sees half of it. The
 * temporary name is hidden and unique per write: two runs, or two saves in one process
 * (watch, a library user), may write at once. A failed write leaves no temporary file.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.velo-events-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
