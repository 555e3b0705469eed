import * as path from 'node:path';
import { readSmallFileSync } from '../../fs/read-source';
import type { Location } from '../../model';

/** Loaded on the first frame: JSON, SARIF and GitHub output and clean runs never need it. */
function codeFrameColumns(): typeof import('@babel/code-frame').codeFrameColumns {
  return (require('@babel/code-frame') as typeof import('@babel/code-frame')).codeFrameColumns;
}

/** Longer lines are cut to a window around the column, so minified code stays one line. */
const MAX_LINE_WIDTH = 120;
const CONTEXT_BEFORE_COLUMN = 40;

// The same breaks TypeScript counts lines by (and @babel/code-frame splits on), so the
// frame's line is the diagnostic's line.
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

// Control characters could move the cursor or recolor the terminal, and bidirectional
// overrides could make the line read differently from what the parser saw
// ("Trojan Source", CVE-2021-42574). Each becomes one visible character, so the marker
// under the line still points at the right column. Tab is kept: the marker keeps tabs.
const UNSAFE_IN_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Code frames of the diagnostics' lines, read from disk as the report is printed. Each file
 * is read at most once. A file that cannot be read as the analyzer read it (gone, binary,
 * not UTF-8, not a file — the `read-error` cases) gets no frame: the diagnostic line
 * already says what is wrong, and a frame of garbage would not help.
 */
export function createSourceFrames(root: string, color: boolean): (at: Location) => string | null {
  const files = new Map<string, string[] | null>();
  return (at) => {
    let lines = files.get(at.file);
    if (lines === undefined) {
      lines = readLines(path.resolve(root, at.file));
      files.set(at.file, lines);
    }
    const line = lines?.[at.line - 1];
    if (line === undefined) return null;
    const clipped = clipLine(line.replace(UNSAFE_IN_LINE, visibleControl), at.column);
    return codeFrameColumns()(
      clipped.text,
      { start: { line: at.line, column: clipped.column } },
      { startLine: at.line, linesAbove: 0, linesBelow: 0, highlightCode: color, forceColor: color },
    );
  };
}

/**
 * The analyzer's own reader (same decoding, BOM dropped); null for anything but a readable
 * regular UTF-8 file, so a FIFO cannot block and a removed file cannot throw: the frame is
 * an extra, the report stands without it.
 */
function readLines(absPath: string): string[] | null {
  const source = readSmallFileSync(absPath);
  return source?.ok ? source.text.split(LINE_BREAK) : null;
}

function visibleControl(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // Control Pictures: ␀ … ␟
  if (code === 0x7f) return '\u2421'; // ␡
  return '\ufffd';
}

function clipLine(line: string, column: number): { text: string; column: number } {
  if (line.length <= MAX_LINE_WIDTH) return { text: line, column };
  let start = Math.max(0, Math.min(column - 1 - CONTEXT_BEFORE_COLUMN, line.length - MAX_LINE_WIDTH));
  let end = Math.min(line.length, start + MAX_LINE_WIDTH);
  // Never split a surrogate pair.
  if (start > 0 && isLowSurrogate(line.charCodeAt(start))) start += 1;
  if (end < line.length && isLowSurrogate(line.charCodeAt(end))) end -= 1;
  const before = start > 0 ? '…' : '';
  const after = end < line.length ? '…' : '';
  return { text: `${before}${line.slice(start, end)}${after}`, column: column - start + before.length };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
