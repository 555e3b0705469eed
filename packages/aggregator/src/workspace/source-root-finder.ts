import * as path from 'node:path';
import type { WorkspacePackage } from '../model';

/** For each file, the source root of the innermost package holding it. */
export function sourceRootFinder(packages: readonly WorkspacePackage[]): (file: string) => string {
  const byRoot = new Map(packages.map((pkg) => [pkg.root, pkg.sourceRoot]));
  return (file) => {
    for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
      const sourceRoot = byRoot.get(dir);
      if (sourceRoot !== undefined) return sourceRoot;
      if (dir === '.' || dir === '/' || dir === '') return '.';
    }
  };
}
