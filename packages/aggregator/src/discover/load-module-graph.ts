import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { analyzeModule } from '../analyze/analyze-module';
import type { LoadedModule, ModuleGraph } from '../resolve/module-graph';
import { specifierCandidates } from '../resolve/specifier-candidates';
import { readSourceText } from './read-source';

/**
 * Reads and analyzes every events file and every local module they reach. `sourceRootOf`
 * names the folder `backend/…` specifiers resolve against for a file. Unreadable files
 * become `read-error` findings; nothing here throws for a user's file.
 */
export async function loadModuleGraph(
  root: string,
  entries: readonly string[],
  sourceRootOf: (file: string) => string,
): Promise<ModuleGraph> {
  const modules = new Map<string, LoadedModule>();
  const specifiers = new Map<string, Map<string, string | null>>();
  const tried = new Map<string, Map<string, readonly string[]>>();
  const hashes = new Map<string, string>();
  let frontier = [...new Set(entries)];
  const queued = new Set(frontier);

  while (frontier.length > 0) {
    const loaded = await Promise.all(frontier.map((file) => loadModule(root, file)));
    const next: string[] = [];
    for (const { module, sha256 } of loaded) {
      modules.set(module.file, module);
      if (sha256 !== null) hashes.set(module.file, sha256);
      if ('unreadable' in module) continue;
      const resolved = new Map<string, string | null>();
      specifiers.set(module.file, resolved);
      for (const { specifier } of module.localSpecifiers) {
        const candidates = specifierCandidates(module.file, specifier, sourceRootOf(module.file));
        const target = await firstExisting(root, candidates);
        resolved.set(specifier, target);
        if (target === null) {
          if (!tried.has(module.file)) tried.set(module.file, new Map());
          tried.get(module.file)!.set(specifier, candidates);
        }
        if (target !== null && !queued.has(target)) {
          queued.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return { modules, specifiers, tried, hashes };
}

async function loadModule(root: string, file: string): Promise<{ module: LoadedModule; sha256: string | null }> {
  const source = await readSourceText(path.join(root, file));
  if (!source.ok) {
    return {
      module: { file, unreadable: { code: 'read-error', file, line: 1, column: 1, message: `${file} ${source.reason}` } },
      sha256: null,
    };
  }
  return { module: analyzeModule(file, source.text), sha256: createHash('sha256').update(source.text).digest('hex') };
}

/** The first candidate that is a file; failing that, the first that exists at all. */
async function firstExisting(root: string, candidates: readonly string[]): Promise<string | null> {
  let firstPresent: string | null = null;
  for (const candidate of candidates) {
    const info = await stat(path.join(root, candidate)).catch(() => null);
    if (info?.isFile()) return candidate;
    if (info && firstPresent === null) firstPresent = candidate;
  }
  return firstPresent;
}
