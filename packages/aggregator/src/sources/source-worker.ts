import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { FileStamp, Finding } from '../model';
import { statOrNull } from '../fs/first-existing';
import { fileStampOf } from '../fs/change-stamp';
import { readRegularFileTextSync } from '../fs/read-source';
import { prescanText, type TextPrescan } from '../analyze/text-prescan';

/**
 * A worker thread of sources/source-thread: reads the files it is sent (so the main thread
 * can load TypeScript meanwhile), prescans each (analyze/text-prescan: its outline, its
 * brackets) for the main thread, and judges whether each is a valid ES module while the main thread
 * parses the same texts with TypeScript. V8 judges; acorn, loaded only for a file V8
 * rejects, words and places the error. It never loads TypeScript.
 */

/** `null` for a valid module; `'failed'` when the check threw (out of stack, a bug): the main thread then decides. */
export type EarlyErrorResult = Finding | null | 'failed';

/**
 * One file as read here. `text` is null when the quick read failed (missing, a folder, not
 * UTF-8, …): the main thread reads it again to say why. The stamp is taken before reading.
 */
export interface ReadSource {
  stamp: FileStamp | null;
  text: string | null;
  sha256: string | null;
  /** What the text alone tells (`prescanText`), found here so the main thread need not. Absent: not found here. */
  prescan?: TextPrescan;
}

/** Workspace-relative path (for findings) and absolute path (to read) of each file. */
export interface ReadRequest {
  id: number;
  kind: 'read';
  files: readonly string[];
  absPaths: readonly string[];
}

export interface CheckRequest {
  id: number;
  kind: 'check';
  inputs: readonly { file: string; text: string }[];
}

export type SourceThreadReply =
  | { id: number; kind: 'sources'; sources: ReadSource[] }
  | { id: number; kind: 'early-errors'; results: EarlyErrorResult[] };

/**
 * Sources go back in chunks as they are read: the main thread starts parsing the first
 * while later ones are read. The first is small, so the main thread waits little for it;
 * each next one is twice as large, up to a size where messages are few.
 */
const FIRST_CHUNK = 25;
const LARGEST_CHUNK = 200;

/**
 * V8 compiles the module (early errors included) without linking or running it; what it
 * accepts is valid (issue 15), what it rejects acorn locates and words. The verdict must not
 * depend on which Node runs velo-events, nor on whether this thread was used, so acorn's
 * grammar (ECMAScript as of now, `early-error.ts`) stays the reference:
 * - where V8 rejects what acorn accepts (a name exported twice, which `duplicate-export`
 *   reports; syntax newer than this V8: `using`, RegExp modifiers and duplicate named
 *   groups), acorn's answer is the one given, as on the main thread;
 * - the one thing this V8 accepts beyond the standard, import assertions
 *   (`import … assert { type: 'json' }`, dropped by Node 22), goes to acorn as well.
 * The kinds are pinned in test/source-thread.spec.ts.
 */
function checkEarlyErrors(file: string, text: string): EarlyErrorResult {
  // A file acorn will judge anyway is not compiled by V8 first.
  if (!mayAssert(text) && acceptedByV8(text)) return null;
  try {
    const { findEarlyError } = require('../analyze/early-error') as typeof import('../analyze/early-error');
    return findEarlyError(file, text);
  } catch {
    return 'failed';
  }
}

/** Whether the text might hold an import assertion; a false alarm only costs acorn's parse. */
function mayAssert(text: string): boolean {
  return text.includes('assert');
}

type SourceTextModuleClass = new (text: string) => unknown;

/** null where this Node refused --experimental-vm-modules: acorn then judges every file. */
const SourceTextModule: SourceTextModuleClass | null = silencedVmModules();

function acceptedByV8(text: string): boolean {
  if (SourceTextModule === null) return false;
  try {
    new SourceTextModule(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * vm.SourceTextModule, with what it makes Node print dropped: the ExperimentalWarning of
 * the flag, on first use, and V8's own remarks on the modules it compiles ("'assert' is
 * deprecated in import statements…", type "V8"), which concern user code this thread only
 * judges. Other warnings still print.
 */
function silencedVmModules(): SourceTextModuleClass | null {
  const { SourceTextModule: found } = require('node:vm') as { SourceTextModule?: SourceTextModuleClass };
  if (found === undefined) return null;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning instanceof Error ? warning.message : '';
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
    if (/VM Modules/.test(text) || type === 'V8') return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
  return found;
}

function readSource(absPath: string): { source: ReadSource; text: string | null } {
  const stats = statOrNull(absPath);
  const stamp = fileStampOf(stats);
  const read = stats && readRegularFileTextSync(absPath, stats);
  const text = read?.ok ? read.text : null;
  const sha256 = text === null ? null : createHash('sha256').update(text).digest('hex');
  return { source: text === null ? { stamp, text, sha256 } : { stamp, text, sha256, prescan: prescanText(text) }, text };
}

/**
 * A chunk is checked right after it is sent, so only one chunk's texts are held here (at
 * 10,000 packages a wave is ~28 MB of text). Reading and acorn together still keep ahead of
 * TypeScript on the main thread.
 */
function readAndCheck({ id, files, absPaths }: ReadRequest): void {
  const results: EarlyErrorResult[] = [];
  for (let start = 0, size = FIRST_CHUNK; start < absPaths.length; start += size, size = Math.min(size * 2, LARGEST_CHUNK)) {
    const sources: ReadSource[] = [];
    const texts: (string | null)[] = [];
    for (const absPath of absPaths.slice(start, start + size)) {
      const { source, text } = readSource(absPath);
      sources.push(source);
      texts.push(text);
    }
    post({ id, kind: 'sources', sources });
    texts.forEach((text, offset) => results.push(text === null ? null : checkEarlyErrors(files[start + offset]!, text)));
  }
  post({ id, kind: 'early-errors', results });
}

function post(reply: SourceThreadReply): void {
  parentPort!.postMessage(reply);
}

parentPort?.on('message', (request: ReadRequest | CheckRequest) => {
  if (request.kind === 'read') {
    readAndCheck(request);
  } else {
    post({ id: request.id, kind: 'early-errors', results: request.inputs.map(({ file, text }) => checkEarlyErrors(file, text)) });
  }
});
