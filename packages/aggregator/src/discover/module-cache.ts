import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ModuleFacts } from '../analyze/module-facts';

/**
 * Per-file analysis results from earlier runs, keyed by path and content hash: what the
 * analyzer says about a file depends on nothing else (the catalog and config are applied
 * later, on every run). One file per analyzer build holds them all — a single read and a
 * v8 deserialize are far cheaper than thousands of small files. Entries this run did not
 * use are dropped when it is saved, so removed and renamed files do not accumulate.
 */
export interface ModuleCache {
  get(file: string, sha256: string): ModuleFacts | undefined;
  set(file: string, sha256: string, facts: ModuleFacts): void;
  save(): Promise<void>;
}

export const DEFAULT_CACHE_FOLDER = path.join('node_modules', '.cache', 'velo-events');

export const NO_CACHE: ModuleCache = { get: () => undefined, set: () => undefined, save: async () => undefined };

export async function openModuleCache(folder: string): Promise<ModuleCache> {
  const file = path.join(folder, `modules-${analyzerId()}.bin`);
  const stored = await readFile(file).then(
    (bytes) => deserialize(bytes) as Map<string, ModuleFacts>,
    () => new Map<string, ModuleFacts>(),
  );
  const used = new Map<string, ModuleFacts>();
  let changed = false;
  return {
    get(source, sha256) {
      const key = `${source}\0${sha256}`;
      const facts = used.get(key) ?? stored.get(key);
      if (facts) used.set(key, facts);
      return facts;
    },
    set(source, sha256, facts) {
      used.set(`${source}\0${sha256}`, facts);
      changed = true;
    },
    async save() {
      if (!changed && used.size === stored.size) return;
      await mkdir(folder, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, serialize(used));
      await rename(temp, file);
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
  const analyzeDir = path.join(__dirname, '..', 'analyze');
  for (const name of readdirSync(analyzeDir).sort()) {
    if (/\.(js|ts)$/.test(name) && !name.includes('.spec.')) hash.update(name).update(readFileSync(path.join(analyzeDir, name)));
  }
  for (const dependency of ['ts-morph', 'acorn']) {
    hash.update(dependency).update(readFileSync(require.resolve(`${dependency}/package.json`)));
  }
  id = hash.digest('hex').slice(0, 16);
  return id;
}
