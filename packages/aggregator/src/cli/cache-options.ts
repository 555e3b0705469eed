import * as path from 'node:path';
import { DEFAULT_CACHE_FOLDER } from '../cache/cache-folder';
import type { ModuleCache } from '../cache/module-cache';

/** `--no-cache` (commander sets `cache: false`) and `--cache-location DIR`. */
export interface CacheOptions {
  root: string;
  cache?: boolean;
  cacheLocation?: string;
}

/**
 * The cache a command reads; it writes it back with `save()` only once the command has
 * succeeded, so a usage error writes nothing at all.
 */
export async function openCacheFor(options: CacheOptions): Promise<ModuleCache> {
  const folder = cacheFolderFor(options);
  // Loaded here: a run answered by the report cache never opens this one.
  const { NO_CACHE, openModuleCache } = await import('../cache/module-cache');
  return folder === null ? NO_CACHE : openModuleCache(folder);
}

/** The cache folder, absolute; null with `--no-cache`. */
export function cacheFolderFor(options: CacheOptions): string | null {
  if (options.cache === false) return null;
  return path.resolve(options.cacheLocation ?? path.join(options.root, DEFAULT_CACHE_FOLDER));
}
