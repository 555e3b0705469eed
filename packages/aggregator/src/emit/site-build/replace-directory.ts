import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { makeDirectory } from '../../fs/make-directory';
import { uniqueSuffix } from '../../fs/unique-suffix';

/**
 * Replaces `target` with a directory `fill` writes, so that a build killed at any moment
 * leaves the previous outputs or the new ones, never a mix: everything is written to a
 * sibling staging folder first, then two renames swap it in. A kill between the two
 * renames leaves only the `.old-` folder, which the next call puts back before starting.
 *
 * Builds of one site may run at once (Nx in one terminal, `velo-events build` in another):
 * each staging and old folder carries its process id, a call clears away only those of
 * processes that are gone, and a swap that finds another build's output just put in place
 * swaps again. Every build succeeds; the output is always one whole build (the last to swap).
 */
export async function replaceDirectory(target: string, fill: (stage: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  await makeDirectory(parent);
  await recoverInterrupted(parent, base, target);
  const stage = await mkdtemp(path.join(parent, `.${base}.new-${process.pid}-`));
  try {
    await fill(stage);
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
  await swapIn(stage, target, parent, base);
}

async function swapIn(stage: string, target: string, parent: string, base: string): Promise<void> {
  for (;;) {
    const old = path.join(parent, `.${base}.old-${process.pid}-${uniqueSuffix()}`);
    const hadOld = await rename(target, old).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    const swapped = await rename(stage, target).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        // Another build put its output in place between our two renames: ours goes over it.
        if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST') return false;
        throw error;
      },
    );
    if (hadOld) await rm(old, { recursive: true, force: true });
    if (swapped) return;
  }
}

/** `.out.new-<pid>-…` and `.out.old-<pid>-…` (names without a pid come from older versions). */
const LEFTOVER = /^\.(.+)\.(new|old)-(?:(\d+)-)?/;

async function recoverInterrupted(parent: string, base: string, target: string): Promise<void> {
  // Only our own staging and old folders, of builds that are gone: a user's `.out.bak`
  // beside the target stays, and so does what a running build is writing or swapping.
  const names = await readdir(parent);
  const leftovers = names.filter((name) => {
    const match = LEFTOVER.exec(name);
    return match !== null && match[1] === base && !(match[3] !== undefined && isRunning(Number(match[3])));
  });
  const targetExists = names.includes(base);
  for (const name of leftovers.sort()) {
    const full = path.join(parent, name);
    if (!targetExists && LEFTOVER.exec(name)![2] === 'old') {
      await rename(full, target);
      return recoverInterrupted(parent, base, target);
    }
    await rm(full, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
