/** A user file as the fixer reads it: its bytes (to detect a change on disk) and its text. */
export interface FileText {
  bytes: Buffer;
  /** Whether the file starts with a UTF-8 byte order mark; the text never holds it. */
  bom: boolean;
  /** The text the analyzer sees: UTF-8 decoded, without the BOM, line endings as they are. */
  text: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// As fs/read-source: `fatal` rejects invalid UTF-8, and the decoder drops a leading BOM.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or null when it is not UTF-8 text (then check reports a read-error). */
export function decodeFileText(bytes: Buffer): FileText | null {
  if (bytes.includes(0)) return null;
  try {
    return { bytes, bom: bytes.subarray(0, 3).equals(BOM), text: utf8.decode(bytes) };
  } catch {
    return null;
  }
}

/** The bytes to write for `text`: UTF-8, with the BOM when the file had one. */
export function encodeFileText(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([BOM, body]) : body;
}

/** The line ending new lines get: the file's own (CRLF files stay CRLF). */
export function lineEndingOf(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  const cr = text.split('\r').length - 1 - crlf;
  if (crlf > 0 && crlf >= lf && crlf >= cr) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}
