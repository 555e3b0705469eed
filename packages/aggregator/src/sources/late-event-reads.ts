import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { EventRead, ModuleFacts } from '../analyze/module-facts';
import type { ModuleGraph } from '../resolve/module-graph';
import { readRegularFileTextSync } from '../fs/read-source';
import { statOrNull } from '../fs/first-existing';

/** A function exported under a name that is not handler-shaped, where its module's facts put it. */
export interface FunctionPlace {
  file: string;
  readRange: [number, number];
}

/**
 * What a function reads of its first parameter, for a function its own module exports under
 * another name and an events file exports under a handler name (`export { handleOrder as
 * wixEcom_onOrderPaid } from './orders'`): analysis reads only handler-named functions, so
 * this one is read when a handler turns out to be it. Its module's text is `texts`' (an
 * editor's, a fix preview's), the one the graph kept when it analyzed the module, or else the
 * file's; a file that no longer hashes to what the graph analyzed (changed on disk since)
 * gives nothing, since the range would not fit it. Each function is read once per reader.
 */
export function lateEventReader(
  root: string,
  graph: Pick<ModuleGraph, 'hashes' | 'texts'>,
  texts: ReadonlyMap<string, string>,
): (place: FunctionPlace) => EventRead[] {
  const textOf = new Map<string, string | null>();
  const readsAt = new Map<string, EventRead[]>();
  const moduleText = (file: string): string | null => {
    let text = textOf.get(file);
    if (text === undefined) {
      text = texts.get(file) ?? graph.texts?.get(file) ?? null;
      if (text === null) {
        text = readFromDisk(path.join(root, file));
        if (text !== null && createHash('sha256').update(text).digest('hex') !== graph.hashes.get(file)) text = null;
      }
      textOf.set(file, text);
    }
    return text;
  };
  return ({ file, readRange: [start, end] }) => {
    const key = `${file}\u0000${start}`;
    let reads = readsAt.get(key);
    if (reads === undefined) {
      const text = moduleText(file);
      reads = text === null || end > text.length ? [] : readerModule().locatedReadsOfFunction(text, start, end);
      readsAt.set(key, reads);
    }
    return reads;
  };
}

/** Whether a module's text may be asked for later (its facts name a function's `readRange`). */
export function keepsTextForLateReads(facts: ModuleFacts): boolean {
  return facts.exports.some((fact) => fact.value.kind === 'function' && fact.value.readRange !== undefined);
}

/** Loaded on the first such handler: most workspaces have none. */
function readerModule(): typeof import('../analyze/event-reads/reads-of-function') {
  return require('../analyze/event-reads/reads-of-function') as typeof import('../analyze/event-reads/reads-of-function');
}

function readFromDisk(absPath: string): string | null {
  const stats = statOrNull(absPath);
  if (stats === null) return null;
  const read = readRegularFileTextSync(absPath, stats);
  return read !== null && read.ok ? read.text : null;
}
