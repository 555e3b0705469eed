import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * `mkdir -p` without `fs.mkdir`'s `recursive`, which on Node 20 never returns when a
 * parent exists but cannot hold folders (`/proc/x`: mkdir gives ENOENT, the parent
 * EEXIST, and it tries again forever). Here a second ENOENT is final.
 */
export async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
    if (code !== 'ENOENT' || path.dirname(dir) === dir) throw error;
  }
  await makeDirectory(path.dirname(dir));
  await mkdir(dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST' || !(await stat(dir)).isDirectory()) throw error;
  });
}
