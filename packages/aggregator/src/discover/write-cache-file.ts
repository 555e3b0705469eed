import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes a cache file whole or not at all: a temporary file beside it, then a rename, so
 * a reader never sees half of it. The name is unique per write: two checks in one process
 * (watch, a library user) or two processes may save at once.
 */
export async function writeCacheFile(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}
