import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run build` writes dist/typescript.v8cache; the CLI loads TypeScript from it. Run in
 * a fresh Node process with the built module (the cache is made for it, not for ts-jest).
 */
const DIST = path.join(__dirname, '..', 'dist');

function inFreshNode(script: string): string {
  return execFileSync(process.execPath, ['-e', script], { cwd: DIST, encoding: 'utf8' }).trim();
}

describe('preloadTypeScript', () => {
  it('loads the TypeScript analyze/ requires from the build\'s code cache, accepted by V8', () => {
    const out = inFreshNode(`
      const { preloadTypeScript } = require('./cache/preload-typescript.js');
      const how = preloadTypeScript();
      const ts = require('@ts-morph/common/dist/typescript.js');
      const same = require('@ts-morph/common').ts.createSourceFile === ts.createSourceFile;
      const statements = ts.createSourceFile('a.js', 'export function f() {}\\nexport const g = 1;', 99, false, 1).statements.length;
      console.log(JSON.stringify({ how, again: preloadTypeScript(), same, statements }));
    `);
    expect(JSON.parse(out)).toEqual({ how: 'from-cache', again: 'from-cache', same: true, statements: 2 });
  });

  it('leaves a TypeScript someone already loaded alone', () => {
    const out = inFreshNode(`
      require('@ts-morph/common/dist/typescript.js');
      console.log(require('./cache/preload-typescript.js').preloadTypeScript());
    `);
    expect(out).toBe('already-loaded');
  });
});
