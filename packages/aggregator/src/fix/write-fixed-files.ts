import { readFile, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileSystemErrorCode } from '../fs/file-system-error-code';
import { writeFileAtomically } from '../fs/write-file-atomically';
import { encodeFileText, type FileText } from './file-text';

export interface FixedFileText {
  /** Workspace-relative POSIX path. */
  file: string;
  original: FileText;
  text: string;
}

export type WriteOutcome = { file: string; written: true } | { file: string; written: false; reason: string };

/**
 * Writes each fixed file atomically (fs/write-file-atomically, flushed before the rename),
 * so a crash leaves the old file or the new one, never half of each. A file whose bytes are no longer those that were read (an editor
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
  try {
    const target = await realpath(absPath);
    const unchanged = async (): Promise<boolean> => (await readFile(target)).equals(original.bytes);
    if (!(await unchanged())) return { file, written: false, reason: CHANGED };
    const { mode } = await stat(target);
    const written = await writeFileAtomically(target, bytes, { fsync: true, mode: mode & 0o7777, stillWanted: unchanged });
    return written ? { file, written: true } : { file, written: false, reason: CHANGED };
  } catch (error) {
    const code = fileSystemErrorCode(error);
    if (code === undefined) throw new Error(`writing ${file} failed unexpectedly`, { cause: error });
    return { file, written: false, reason: `it could not be written (${code})` };
  }
}
