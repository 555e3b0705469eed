import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The CLI loads TypeScript from V8's code cache of this machine, which the first run that
 * compiled it writes as it ends (src/cache/preload-typescript.ts). Run in fresh Node
 * processes with the built module, each test with a code cache folder of its own.
 */
const DIST = path.join(__dirname, '..', 'dist');

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'velo-events-ts-cache-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function inFreshNode(script: string, codeCache: string): string {
  return execFileSync(process.execPath, ['-e', script], { cwd: DIST, encoding: 'utf8', env: { ...process.env, VELO_EVENTS_CODE_CACHE_DIR: codeCache } }).trim();
}

const LOAD_AND_PARSE = `
  const { preloadTypeScript } = require('./cache/preload-typescript.js');
  const how = preloadTypeScript();
  const ts = require('@ts-morph/common/dist/typescript.js');
  const same = require('@ts-morph/common').ts.createSourceFile === ts.createSourceFile;
  const statements = ts.createSourceFile('a.js', 'export function f() {}\\nexport const g = 1;', 99, false, 1).statements.length;
  console.log(JSON.stringify({ how, again: preloadTypeScript(), same, statements }));
`;

describe('preloadTypeScript', () => {
  it('compiles TypeScript the first time and writes its code as the process ends; the next process loads it from there, accepted by V8', () => {
    const codeCache = path.join(folder, 'v8');
    expect(JSON.parse(inFreshNode(LOAD_AND_PARSE, codeCache))).toEqual({ how: 'no-cache', again: 'no-cache', same: true, statements: 2 });
    expect(readdirSync(codeCache).map((name) => name.replace(/[0-9a-f]{16}/, '<id>'))).toEqual(['typescript-<id>.v8']);
    expect(JSON.parse(inFreshNode(LOAD_AND_PARSE, codeCache))).toEqual({ how: 'from-cache', again: 'from-cache', same: true, statements: 2 });
  });

  it('loads TypeScript the same with the code cache off, and writes nothing', () => {
    expect(JSON.parse(inFreshNode(LOAD_AND_PARSE, 'off'))).toEqual({ how: 'no-cache', again: 'no-cache', same: true, statements: 2 });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('leaves a TypeScript someone already loaded alone', () => {
    const out = inFreshNode(
      `require('@ts-morph/common/dist/typescript.js');
       console.log(require('./cache/preload-typescript.js').preloadTypeScript());`,
      path.join(folder, 'v8'),
    );
    expect(out).toBe('already-loaded');
  });
});
