import { createHash } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ModuleFacts } from '../analyze/module-facts';
import type { FileStamp } from '../model';
import { makeDirectory } from '../fs/make-directory';
import { writeFileAtomically } from '../fs/write-file-atomically';
import { CODE_ROOT } from '../base/package-layout';
import { installedManifest } from '../fs/installed-manifest';

interface Entry extends FileStamp {
  sha256: string;
  /**
   * The facts, `v8.serialize`d when set: a cold run over 10,000 packages held every module's
   * facts as objects until the save (~86 MB, and through the names in them every module's
   * text, ~65 MB more); as bytes they take ~47 MB outside the JS heap and hold no text.
   */
  facts: Uint8Array;
}

/**
 * Bumped when Entry or the facts change shape: a file of another format is never read.
 * 4: handler functions carry what they read of their event (`eventReads`, analyze/event-reads/).
 * 5: other exported functions carry where their text is (`readRange`).
 */
const FORMAT = 5;

/**
 * Per-file analysis results from earlier runs. An entry holds a file's content hash and its
 * facts: what the analyzer says about a file depends on its path and text alone (the
 * catalog and config are applied later, on every run). A file whose size and modification
 * time are unchanged is not even read again (ESLint's and Jest's "metadata" strategy);
 * otherwise its text is hashed and the facts are reused when the hash matches. One file
 * per analyzer build holds everything — one read and a v8 deserialize beat thousands of
 * small files — and entries this run did not use are dropped when it is saved, so removed
 * and renamed files do not accumulate.
 */
export interface ModuleCache {
  /** True when nothing was cached: a cold run, worth starting parsers early. */
  readonly isEmpty: boolean;
  unchanged(file: string, stamp: FileStamp): { sha256: string; facts: ModuleFacts } | undefined;
  /**
   * The facts of the file's text with this hash; with a `stamp` (the file's own, on disk),
   * the entry is kept under that stamp, as it is, for the next run.
   */
  get(file: string, sha256: string, stamp?: FileStamp | null): ModuleFacts | undefined;
  set(file: string, sha256: string, stamp: FileStamp, facts: ModuleFacts): void;
  save(): Promise<void>;
}

export { DEFAULT_CACHE_FOLDER } from './cache-folder';

export const NO_CACHE: ModuleCache = {
  isEmpty: true,
  unchanged: () => undefined,
  get: () => undefined,
  set: () => undefined,
  save: async () => undefined,
};

export async function openModuleCache(folder: string): Promise<ModuleCache> {
  const file = path.join(folder, `modules-v${FORMAT}-${analyzerId()}.bin`);
  const stored = await readFile(file).then(
    (bytes) => deserialize(bytes) as Map<string, Entry>,
    () => new Map<string, Entry>(),
  );
  const used = new Map<string, Entry>();
  let changed = false;
  const keep = (source: string, entry: Entry): void => {
    used.set(source, entry);
  };
  return {
    isEmpty: stored.size === 0,
    unchanged(source, stamp) {
      const entry = stored.get(source);
      if (!entry || entry.size !== stamp.size || entry.ctimeMs !== stamp.ctimeMs) return undefined;
      keep(source, entry);
      return { sha256: entry.sha256, facts: deserialize(entry.facts) as ModuleFacts };
    },
    get(source, sha256, stamp) {
      const entry = stored.get(source);
      if (!entry || entry.sha256 !== sha256) return undefined;
      // The same text with a new change time (a checkout, a copy): its bytes, not serialized again.
      if (stamp) {
        used.set(source, { ...stamp, sha256, facts: entry.facts });
        changed = true;
      }
      return deserialize(entry.facts) as ModuleFacts;
    },
    set(source, sha256, stamp, facts) {
      used.set(source, { ...stamp, sha256, facts: serialize(facts) });
      changed = true;
    },
    async save() {
      if (!changed && used.size === stored.size) return;
      // Not mkdir({ recursive }): on Node 20 it never returns for a path under /proc.
      await makeDirectory(folder);
      await writeFileAtomically(file, serialize(used));
      // Results of other analyzer builds can never be read again.
      for (const name of await readdir(folder)) {
        if (name.startsWith('modules-') && name !== path.basename(file) && !name.endsWith('.tmp')) {
          await rm(path.join(folder, name), { force: true });
        }
      }
    },
  };
}

let id: string | null = null;

/**
 * Identifies the analyzer's code: its own compiled files plus the parsers' versions, so a
 * cache written by another build of the analyzer is never read, version bump or not.
 */
function analyzerId(): string {
  if (id !== null) return id;
  const hash = createHash('sha256');
  const analyzeDir = path.join(CODE_ROOT, 'analyze');
  // Its folders too (event-reads/): what a handler reads of its event is a fact of the file.
  for (const name of (readdirSync(analyzeDir, { recursive: true }) as string[]).sort()) {
    if (/\.(js|ts)$/.test(name) && !name.includes('.spec.')) hash.update(name).update(readFileSync(path.join(analyzeDir, name)));
  }
  for (const dependency of ['ts-morph', '@ts-morph/common', 'acorn']) {
    hash.update(dependency).update(installedManifest(dependency));
  }
  id = hash.digest('hex').slice(0, 16);
  return id;
}
