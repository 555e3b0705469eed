import { readFileSync, statSync, type Stats } from 'node:fs';
import { lstat, readFile, stat } from 'node:fs/promises';
import { fileSystemErrorCode } from './file-system-error-code';

/** The text of a user file, or why there is none (shown in a `read-error` diagnostic). */
export type SourceText = { ok: true; text: string } | { ok: false; reason: string };

// `fatal: true` turns invalid byte sequences into an exception instead of U+FFFD, so a
// Latin-1 or Shift-JIS file is reported rather than analyzed as mojibake. With the
// default `ignoreBOM: false` the decoder also drops a leading UTF-8 BOM, which editors on
// Windows add and which ts-morph would otherwise see as a stray character.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a user file as UTF-8 text. Every way a file can be unusable (missing, a folder, a
 * broken link, unreadable, binary, another encoding) comes back as a reason, never as an
 * exception: one bad file must not stop the other files from being analyzed (SPEC §4).
 * The reason never holds the absolute path, so reports stay the same wherever the
 * workspace lies on disk. Line endings are kept as they are so positions match the file.
 */
export async function readSourceText(absPath: string): Promise<SourceText> {
  const notAFile = await whyNotARegularFile(absPath);
  if (notAFile !== null) return { ok: false, reason: notAFile };

  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (error) {
    return { ok: false, reason: await reasonForError(absPath, error) };
  }
  return decodeUtf8Text(bytes);
}

function decodeUtf8Text(bytes: Uint8Array): SourceText {
  // UTF-16 files (Notepad's "Unicode") are full of NUL bytes; name the real problem.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { ok: false, reason: 'is not UTF-8 text (it is UTF-16; save it as UTF-8)' };
  }
  // NUL is valid UTF-8, so the decoder alone would accept images and archives that happen
  // to be valid byte sequences; no JavaScript source contains a raw NUL.
  if (bytes.includes(0)) return { ok: false, reason: 'is binary (contains NUL bytes)' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'is not UTF-8 text' };
  }
}

/** null for a regular file, else the reason it is not one. */
async function whyNotARegularFile(absPath: string): Promise<string | null> {
  try {
    // `stat` follows a symbolic link to a file, which Velo tooling copies like a file.
    // Checking before opening also keeps us from blocking on a FIFO.
    const stats = await stat(absPath);
    if (stats.isFile()) return null;
    return stats.isDirectory() ? 'is a directory' : 'is not a regular file';
  } catch (error) {
    return reasonForError(absPath, error);
  }
}

async function reasonForError(absPath: string, error: unknown): Promise<string> {
  const code = fileSystemErrorCode(error);
  switch (code) {
    case 'ENOENT':
      return (await isSymbolicLink(absPath)) ? 'is a broken symbolic link' : 'does not exist';
    case 'ENOTDIR':
      return 'does not exist';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'is a symbolic link loop';
    case 'EACCES':
      return 'cannot be read: EACCES (permission denied)';
    case 'EPERM':
      return 'cannot be read: EPERM (operation not permitted)';
    case undefined:
      // Not a file-system error: a bug, which must not turn into a diagnostic.
      throw new Error(`reading ${absPath} failed unexpectedly`, { cause: error });
    default:
      return `cannot be read: ${code}`;
  }
}

async function isSymbolicLink(absPath: string): Promise<boolean> {
  try {
    return (await lstat(absPath)).isSymbolicLink();
  } catch {
    return false;
  }
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * The same for a file already known to be a regular file (`stats` from statSync), read
 * synchronously: thousands of small reads through fs/promises cost more in promise and
 * thread-pool overhead than the reads themselves. null when reading fails, so the caller
 * can ask readSourceText for the precise reason.
 */
export function readRegularFileTextSync(absPath: string, stats: Stats): SourceText | null {
  if (!stats.isFile()) return null;
  try {
    // Node's own UTF-8 read is several times faster than Buffer + a fatal TextDecoder. It
    // turns invalid bytes (and a UTF-16 BOM) into U+FFFD, so a text with U+FFFD or NUL in it
    // takes the strict path, which tells a real U+FFFD from a broken file.
    const text = readFileSync(absPath, 'utf8');
    if (!text.includes('\uFFFD') && !text.includes('\0')) return { ok: true, text: withoutBom(text) };
    return decodeUtf8Text(readFileSync(absPath));
  } catch {
    return null;
  }
}

/** A small regular file's text read synchronously; null on any problem (ask readSourceText why). */
export function readSmallFileSync(absPath: string): SourceText | null {
  try {
    return readRegularFileTextSync(absPath, statSync(absPath));
  } catch {
    return null;
  }
}
