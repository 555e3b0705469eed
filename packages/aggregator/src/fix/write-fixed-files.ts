import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileSystemErrorCode } from '../discover/file-system-error-code';
import { encodeFileText, type FileText } from './file-text';

export interface FixedFileText {
  /** Workspace-relative POSIX path. */
  file: string;
  original: FileText;
  text: string;
}

export type WriteOutcome = { file: string; written: true } | { file: string; written: false; reason: string };

/**
 * Writes each fixed file atomically: the new bytes go to a temporary file beside it, which
 * is flushed and then renamed over the original, so a crash leaves the old file or the new
 * one, never half of each. A file whose bytes are no longer those that were read (an editor
 * saved it meanwhile) is not written: the fixes were planned on the old text. A symbolic
 * link is written through, to the file it points at, and the file keeps its permissions.
 */
export async function writeFixedFiles(root: string, files: readonly FixedFileText[]): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const { file, original, text } of files) {
    outcomes.push(await writeFixedFile(path.join(root, file), file, original, encodeFileText(text, original.bom)));
  }
  return outcomes;
}

const CHANGED = 'it changed on disk since velo-events read it; run --fix again';

async function writeFixedFile(absPath: string, file: string, original: FileText, bytes: Buffer): Promise<WriteOutcome> {
  let temp: string | null = null;
  try {
    const target = await realpath(absPath);
    if (!(await readFile(target)).equals(original.bytes)) return { file, written: false, reason: CHANGED };
    const { mode } = await stat(target);
    temp = path.join(path.dirname(target), `.${path.basename(target)}.velo-events-${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode & 0o7777);
    // Looked at again as late as possible: the window in which an edit can be lost is the rename.
    if (!(await readFile(target)).equals(original.bytes)) {
      await rm(temp, { force: true });
      return { file, written: false, reason: CHANGED };
    }
    await rename(temp, target);
    return { file, written: true };
  } catch (error) {
    if (temp !== null) await rm(temp, { force: true });
    const code = fileSystemErrorCode(error);
    if (code === undefined) throw new Error(`writing ${file} failed unexpectedly`, { cause: error });
    return { file, written: false, reason: `it could not be written (${code})` };
  }
}
