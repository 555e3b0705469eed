import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { LoadedModule, ModuleGraph } from '../resolve/module-graph';
import { specifierCandidates } from '../resolve/specifier-candidates';
import { firstExisting, statOrNull } from '../fs/first-existing';
import { fileStampOf } from '../fs/change-stamp';
import { keepsTextForLateReads } from './late-event-reads';
import type { ModuleAnalyzer } from './module-analyzer';
import { NO_CACHE, type ModuleCache } from '../cache/module-cache';
import type { FileStamp } from '../model';
import { readRegularFileTextSync, readSourceText, type SourceText } from '../fs/read-source';

const NO_TEXTS: ReadonlyMap<string, string> = new Map();

/**
 * Reads and analyzes every events file and every local module they reach. `sourceRootOf`
 * names the folder `backend/…` specifiers resolve against for a file. Unreadable files
 * become `read-error` findings; nothing here throws for a user's file. `texts` replaces the
 * contents of some files (workspace-relative path → text): `check --fix-dry-run` analyzes
 * the fixed text of files it does not write.
 */
export async function loadModuleGraph(
  root: string,
  entries: readonly string[],
  sourceRootOf: (file: string) => string,
  analyzer: ModuleAnalyzer,
  cache: ModuleCache = NO_CACHE,
  onProgress?: (modulesRead: number) => void,
  texts: ReadonlyMap<string, string> = NO_TEXTS,
): Promise<ModuleGraph> {
  const modules = new Map<string, LoadedModule>();
  const specifiers = new Map<string, Map<string, string | null>>();
  const tried = new Map<string, Map<string, readonly string[]>>();
  const hashes = new Map<string, string>();
  const stamps = new Map<string, FileStamp>();
  const keptTexts = new Map<string, string>();
  let frontier = [...new Set(entries)];
  const queued = new Set(frontier);

  while (frontier.length > 0) {
    const loaded = await loadModules(root, frontier, analyzer, cache, texts);
    const next: string[] = [];
    // Synchronous stats: a thread-pool round trip per candidate costs more than the stat.
    const lookups = loaded.flatMap(({ module }) =>
      'unreadable' in module
        ? []
        : module.localSpecifiers.map(({ specifier }) => {
            const candidates = specifierCandidates(module.file, specifier, sourceRootOf(module.file));
            return { file: module.file, specifier, candidates, target: firstExisting(root, candidates) };
          }),
    );
    const targets = lookups.map((lookup) => lookup.target);
    for (const { module, sha256, stamp, text } of loaded) {
      modules.set(module.file, module);
      if (text !== undefined) keptTexts.set(module.file, text);
      if (sha256 !== null) hashes.set(module.file, sha256);
      if (stamp !== null && sha256 !== null) stamps.set(module.file, stamp);
      if (!('unreadable' in module)) specifiers.set(module.file, new Map());
    }
    onProgress?.(modules.size);
    for (const [index, { file, specifier, candidates }] of lookups.entries()) {
      const target = targets[index]!;
      specifiers.get(file)!.set(specifier, target);
      if (target === null) {
        if (!tried.has(file)) tried.set(file, new Map());
        tried.get(file)!.set(specifier, candidates);
      } else if (!queued.has(target)) {
        queued.add(target);
        next.push(target);
      }
    }
    frontier = next;
  }
  return { modules, specifiers, tried, hashes, stamps, texts: keptTexts };
}

interface Loaded {
  module: LoadedModule;
  sha256: string | null;
  stamp: FileStamp | null;
  /** The text, when a function in it may be read later (late-event-reads.ts). */
  text?: string;
}

/**
 * Reads a wave of files, takes what the cache knows and analyzes the rest in one batch. A
 * cold wave (nothing cached to compare with) is read on the source thread while TypeScript
 * loads here; files it could not read are read again here, which says why.
 */
async function loadModules(
  root: string,
  files: readonly string[],
  analyzer: ModuleAnalyzer,
  cache: ModuleCache,
  texts: ReadonlyMap<string, string>,
): Promise<Loaded[]> {
  // A cold wave: nothing to compare stamps with, so the source thread reads it all.
  const readThere =
    cache.isEmpty && !files.some((file) => texts.has(file))
      ? await analyzer.readAndAnalyze(files.map((file) => ({ file, absPath: path.join(root, file) })))
      : null;
  if (readThere) {
    const readHere = files.filter((_, index) => !readThere[index]!.read);
    const again = readHere.length > 0 ? await readAndAnalyzeHere(root, readHere, analyzer, cache, texts) : [];
    let nextAgain = 0;
    return readThere.map((analysis, index) => {
      if (!analysis.read) return again[nextAgain++]!;
      if (analysis.stamp) cache.set(files[index]!, analysis.sha256, analysis.stamp, analysis.facts);
      const loaded: Loaded = { module: analysis.facts, sha256: analysis.sha256, stamp: analysis.stamp };
      if (analysis.text !== undefined) loaded.text = analysis.text;
      return loaded;
    });
  }
  return readAndAnalyzeHere(root, files, analyzer, cache, texts);
}

/** A file whose size and modification time the cache recorded is not read at all. */
async function readAndAnalyzeHere(
  root: string,
  files: readonly string[],
  analyzer: ModuleAnalyzer,
  cache: ModuleCache,
  texts: ReadonlyMap<string, string>,
): Promise<Loaded[]> {
  const loaded: (Loaded | null)[] = [];
  const misses: { index: number; file: string; text: string; sha256: string; stamp: FileStamp | null }[] = [];
  for (const [index, file] of files.entries()) {
    const absPath = path.join(root, file);
    const override = texts.get(file);
    const stats = override === undefined ? statOrNull(absPath) : null;
    // The stamp's time is the inode's change time, not the modification time cp -p, rsync -t
    // and tar put back: a same-size file with an old mtime would get the old text's facts.
    // Nothing can set ctime back; when it moves without a content change (chmod, a copied
    // workspace) the file is only hashed again, and its facts still come from the cache.
    const stamp = fileStampOf(stats);
    const unchanged = stamp && cache.unchanged(file, stamp);
    if (unchanged) {
      loaded.push({ module: unchanged.facts, sha256: unchanged.sha256, stamp });
      continue;
    }
    const source: SourceText =
      override !== undefined
        ? { ok: true, text: override }
        : ((stats && readRegularFileTextSync(absPath, stats)) ?? (await readSourceText(absPath)));
    if (!source.ok) {
      const unreadable = { code: 'read-error' as const, file, line: 1, column: 1, message: `${file} ${source.reason}` };
      loaded.push({ module: { file, unreadable }, sha256: null, stamp: null });
      continue;
    }
    const sha256 = createHash('sha256').update(source.text).digest('hex');
    const cached = cache.get(file, sha256, stamp);
    loaded.push(cached ? { module: cached, sha256, stamp } : null);
    if (!cached) misses.push({ index, file, text: source.text, sha256, stamp });
  }
  const analyzed = await analyzer.analyze(misses.map(({ file, text }) => ({ file, text })));
  misses.forEach((miss, i) => {
    const facts = analyzed[i]!;
    // Texts that are not on disk (fix previews) never enter the cache.
    if (miss.stamp) cache.set(miss.file, miss.sha256, miss.stamp, facts);
    loaded[miss.index] = { module: facts, sha256: miss.sha256, stamp: miss.stamp };
    if (!('unreadable' in facts) && keepsTextForLateReads(facts)) loaded[miss.index]!.text = miss.text;
  });
  return loaded as Loaded[];
}
