import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { makeDirectory } from '../../fs/make-directory';

/**
 * Replaces `target` with a directory `fill` writes, so that a build killed at any moment
 * leaves the previous outputs or the new ones, never a mix: everything is written to a
 * sibling staging folder first, then two renames swap it in. A kill between the two
 * renames leaves only the `.old-` folder, which the next call puts back before starting.
 */
export async function replaceDirectory(target: string, fill: (stage: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  await makeDirectory(parent);
  await recoverInterrupted(parent, base, target);
  const stage = await mkdtemp(path.join(parent, `.${base}.new-`));
  try {
    await fill(stage);
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
  const old = path.join(parent, `.${base}.old-${randomBytes(6).toString('hex')}`);
  const hadOld = await rename(target, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await rename(stage, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

async function recoverInterrupted(parent: string, base: string, target: string): Promise<void> {
  // Only our own staging and old folders: a user's `.out.bak` beside the target stays.
  const leftovers = (await readdir(parent)).filter(
    (name) => name.startsWith(`.${base}.new-`) || name.startsWith(`.${base}.old-`),
  );
  const targetExists = (await readdir(parent)).includes(base);
  for (const name of leftovers.sort()) {
    const full = path.join(parent, name);
    if (!targetExists && name.startsWith(`.${base}.old-`)) {
      await rename(full, target);
      return recoverInterrupted(parent, base, target);
    }
    await rm(full, { recursive: true, force: true });
  }
}
