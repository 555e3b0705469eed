import * as path from 'node:path';
import { DEFAULT_CACHE_FOLDER, NO_CACHE, openModuleCache, type ModuleCache } from '../discover/module-cache';

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
  if (options.cache === false) return NO_CACHE;
  return openModuleCache(path.resolve(options.cacheLocation ?? path.join(options.root, DEFAULT_CACHE_FOLDER)));
}
