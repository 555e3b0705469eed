import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm run build` bundles the CLI into dist/cli/bundle.js (scripts/bundle-cli.cjs), and the
 * bin runs it. The other CLI tests go through the bin, so they run the bundle; these check
 * what it holds and when the bin takes it.
 */
const PACKAGE = path.join(__dirname, '..');
const DIST = path.join(PACKAGE, 'dist');

describe("the CLI's bundle", () => {
  it('holds the compiled modules, commander and acorn, and no other dependency (TypeScript stays one copy)', () => {
    const bundle = readFileSync(path.join(DIST, 'cli', 'bundle.js'), 'utf8');
    // esbuild names each module it bundles in a comment line before its code.
    const origins = new Set(
      [...bundle.matchAll(/^\/\/ (\S+\.js)$/gm)].map(([, file]) => {
        const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file!);
        return dependency ? dependency[1] : file!.split('/')[0];
      }),
    );
    expect([...origins].sort()).toEqual(['acorn', 'commander', 'dist']);
    expect(bundle).toContain('require("@ts-morph/common/dist/typescript.js")');
  });

  describe('the bin', () => {
    let root: string;
    const cli = (): string => path.join(root, 'dist', 'cli');
    // A stand-in CLI that says which file it was loaded from.
    const standIn = (name: string): string =>
      `exports.main = async () => { process.stdout.write(${JSON.stringify(name)}); return 0; };\n` +
      'exports.supportsColor = () => false;\nexports.blockOnPipe = () => undefined;\nexports.exitWhenReaderLeaves = () => undefined;\n';
    const run = (): string => execFileSync(process.execPath, [path.join(root, 'bin', 'velo-events.cjs')], { encoding: 'utf8' });
    const setTime = (file: string, seconds: number): void => utimesSync(path.join(cli(), file), seconds, seconds);

    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'velo-events-bin-'));
      mkdirSync(path.join(root, 'bin'));
      mkdirSync(cli(), { recursive: true });
      copyFileSync(path.join(PACKAGE, 'bin', 'velo-events.cjs'), path.join(root, 'bin', 'velo-events.cjs'));
      // This repository's tree: the package has its src/.
      mkdirSync(path.join(root, 'src'));
      for (const module of ['cache/compile-cache.js', 'cache/code-cache-file.js', 'base/package-layout.js', 'base/short-name.js', 'fs/change-stamp.js']) {
        mkdirSync(path.dirname(path.join(root, 'dist', module)), { recursive: true });
        copyFileSync(path.join(DIST, module), path.join(root, 'dist', module));
      }
      writeFileSync(path.join(cli(), 'bundle.js'), standIn('bundle'));
      writeFileSync(path.join(cli(), 'bundle-entry.js'), standIn('modules'));
      writeFileSync(path.join(cli(), 'main.js'), '');
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('runs the bundle when it is as new as the compiled modules or newer', () => {
      setTime('main.js', 1_000_000);
      setTime('bundle.js', 1_000_000);
      expect(run()).toBe('bundle');
      setTime('bundle.js', 1_000_100);
      expect(run()).toBe('bundle');
    });

    it("runs the bundle when main.js is newer by less than a second: the same build, restored from Nx's cache in no order", () => {
      setTime('bundle.js', 1_000_000);
      setTime('main.js', 1_000_000.5);
      expect(run()).toBe('bundle');
    });

    it('runs the modules one by one when tsc has rewritten them since the bundle was made', () => {
      setTime('bundle.js', 1_000_000);
      setTime('main.js', 1_000_100);
      expect(run()).toBe('modules');
    });

    it('runs the bundle of an installed package (no src/) whatever its files\' times, which are those of its unpacking', () => {
      rmSync(path.join(root, 'src'), { recursive: true });
      setTime('bundle.js', 1_000_000);
      setTime('main.js', 1_000_100);
      expect(run()).toBe('bundle');
      rmSync(path.join(cli(), 'bundle.js'));
      expect(run()).toBe('modules');
    });

    it('runs the modules one by one when there is no bundle', () => {
      rmSync(path.join(cli(), 'bundle.js'));
      expect(run()).toBe('modules');
    });
  });
});
