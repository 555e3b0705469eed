import { readFileSync } from 'node:fs';
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
  for (let dir = CODE_ROOT; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      try {
        return readFileSync(path.join(dir, 'node_modules', name, 'package.json'));
      } catch {
        // Not installed at this level: Node looks one level up.
      }
    }
    if (path.dirname(dir) === dir) return readFileSync(require.resolve(`${name}/package.json`));
  }
}
