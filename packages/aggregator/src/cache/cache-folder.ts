import * as path from 'node:path';

/** Where the caches live unless `--cache-location` says otherwise, below the workspace root. */
export const DEFAULT_CACHE_FOLDER = path.join('node_modules', '.cache', 'velo-events');
