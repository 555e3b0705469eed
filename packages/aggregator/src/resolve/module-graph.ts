import type { ModuleFacts } from '../analyze/module-facts';
import type { FileStamp, Finding } from '../model';

/** A module that could not be read; its finding is a `read-error`. */
export interface UnreadableModule {
  file: string;
  unreadable: Finding;
}

export type LoadedModule = ModuleFacts | UnreadableModule;

/**
 * Every module reached from the events files, and how each local specifier of each module
 * resolved (`null`: no file matched). Built by sources/load-module-graph; read here.
 */
export interface ModuleGraph {
  modules: ReadonlyMap<string, LoadedModule>;
  specifiers: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
  /** For each specifier that matched no file, the files looked for. */
  tried: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** sha256 (hex) of each readable module's text. */
  hashes: ReadonlyMap<string, string>;
  /**
   * Size and change time of each module read from disk, taken before reading it (none for
   * texts given in place of a file's, nor for unreadable files).
   */
  stamps: ReadonlyMap<string, FileStamp>;
  /**
   * The texts, as analyzed, of the modules that export a function under a name that is not
   * a handler's (its facts give its `readRange`): an events file may export it as a handler,
   * and its reads are then taken from here (sources/late-event-reads.ts). Only modules read
   * in this run; one whose facts came from the cache is read again if asked.
   */
  texts?: ReadonlyMap<string, string>;
}

export function isUnreadable(module: LoadedModule): module is UnreadableModule {
  return 'unreadable' in module;
}

/** `entry` and every module it statically imports, in breadth-first order. */
export function staticClosure(entry: string, graph: ModuleGraph): string[] {
  const visited = new Set<string>([entry]);
  const queue = [entry];
  for (let i = 0; i < queue.length; i += 1) {
    for (const next of graph.specifiers.get(queue[i]!)?.values() ?? []) {
      if (next !== null && !visited.has(next)) {
        visited.add(next);
        queue.push(next);
      }
    }
  }
  return queue;
}
