import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CODE_ROOT } from '../base/package-layout';

/**
 * The bytes of dependency `name`'s package.json, as `require` from this package finds it:
 * what says which version of a parser a cache was made with. `require.resolve` would cost
 * a warm check ~5 ms, most of it loading Node's `exports` resolver on its first call; a
 * package.json needs only the node_modules lookup, the nearest `node_modules/<name>` going
 * up from the code. `require.resolve` is asked only when that finds none (NODE_PATH, say).
 */
export function installedManifest(name: string): Buffer {
  return readFileSync(installedManifestPath(name));
}

/** Where `installedManifest` reads it from. */
export function installedManifestPath(name: string): string {
  for (let dir = CODE_ROOT; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name, 'package.json');
      if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    }
    // Not installed at any level: Node's own answer, or its error.
    if (path.dirname(dir) === dir) return require.resolve(`${name}/package.json`);
  }
}
