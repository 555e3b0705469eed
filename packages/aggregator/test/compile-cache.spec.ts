import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The bin compiles the CLI's modules with V8's code cache of this machine
 * (src/cache/compile-cache.ts), made by the first run that had none and kept in
 * VELO_EVENTS_CODE_CACHE_DIR (by default node_modules/.cache/velo-events/v8). Checked with
 * the built files, in fresh processes, each test with a code cache folder of its own.
 */
const PACKAGE = path.join(__dirname, '..');
const DIST = path.join(PACKAGE, 'dist');
const BIN = path.join(PACKAGE, 'bin', 'velo-events.cjs');
const FIXTURE = path.join(__dirname, 'fixtures', 'aggregate', 'duplicate-export');
const CHECK = ['check', '--root', FIXTURE, '--format', 'json', '--no-cache'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'velo-events-code-cache-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const envWith = (codeCache: string): NodeJS.ProcessEnv => ({ ...process.env, VELO_EVENTS_CODE_CACHE_DIR: codeCache, NO_COLOR: '1' });

function runBin(args: string[], codeCache: string): Run {
  const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, ...args], { env: envWith(codeCache), encoding: 'utf8' });
  return { status, stdout, stderr };
}

/** What the bin's compile cache did in a fresh process that loads the CLI as the bin does. */
function statusAfterLoadingTheCli(codeCache: string): { cached: string[]; compiled: string[] } {
  const script = `
    const { installCompileCache, compileCacheStatus } = require(${JSON.stringify(path.join(DIST, 'cache', 'compile-cache.js'))});
    installCompileCache([]);
    require(${JSON.stringify(path.join(DIST, 'cli', 'bundle.js'))});
    process.stdout.write(JSON.stringify(compileCacheStatus()));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: envWith(codeCache), encoding: 'utf8' })) as { cached: string[]; compiled: string[] };
}

const cacheFiles = (codeCache: string): string[] =>
  readdirSync(codeCache)
    .map((name) => name.replace(/-[0-9a-f]{16}\.v8$/, '-<id>.v8'))
    .sort();

describe('the code cache of this machine', () => {
  it('is written by the first run, for the CLI and TypeScript, and used by the next without writing again', () => {
    const codeCache = path.join(folder, 'v8');
    const first = runBin(CHECK, codeCache);
    expect(first.status).toBe(1); // the fixture has errors
    expect(cacheFiles(codeCache)).toEqual(['cli-<id>.v8', 'typescript-<id>.v8']);
    const written = readdirSync(codeCache).map((name) => statSync(path.join(codeCache, name)).mtimeMs);

    expect(statusAfterLoadingTheCli(codeCache)).toEqual({ cached: ['dist/cli/bundle.js'], compiled: [] });
    const second = runBin(CHECK, codeCache);
    expect(second).toEqual(first);
    expect(readdirSync(codeCache).map((name) => statSync(path.join(codeCache, name)).mtimeMs)).toEqual(written);
  });

  it("is written again by the first run that analyzes after one that did not (V8 keeps the code of the functions a run called)", () => {
    const codeCache = path.join(folder, 'v8');
    expect(runBin(['--version'], codeCache).status).toBe(0);
    const [cliFile] = readdirSync(codeCache);
    const afterVersion = statSync(path.join(codeCache, cliFile!)).mtimeMs;
    expect(runBin(CHECK, codeCache).status).toBe(1);
    const afterCheck = statSync(path.join(codeCache, cliFile!)).mtimeMs;
    expect(afterCheck).toBeGreaterThan(afterVersion);
    expect(runBin(['--version'], codeCache).status).toBe(0);
    expect(runBin(CHECK, codeCache).status).toBe(1);
    expect(statSync(path.join(codeCache, cliFile!)).mtimeMs).toBe(afterCheck);
  });

  it('compiles anew, the ordinary way, where there is no cache yet', () => {
    expect(statusAfterLoadingTheCli(path.join(folder, 'empty'))).toEqual({ cached: [], compiled: ['dist/cli/bundle.js'] });
  });

  it('follows --cache-location: the code cache is kept in <dir>/v8', () => {
    const env = { ...process.env };
    delete env['VELO_EVENTS_CODE_CACHE_DIR'];
    const location = path.join(folder, 'cache');
    const run = spawnSync(process.execPath, [BIN, ...CHECK.filter((arg) => arg !== '--no-cache'), '--cache-location', location], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(cacheFiles(path.join(location, 'v8'))).toEqual(['cli-<id>.v8', 'typescript-<id>.v8']);
  });

  it('is not written by a usage error (exit 2 writes nothing)', () => {
    const codeCache = path.join(folder, 'v8');
    const run = runBin(['check', '--format', 'nope'], codeCache);
    expect(run.status).toBe(2);
    expect(() => readdirSync(codeCache)).toThrow(/ENOENT/);
  });

  it('changes nothing the CLI prints: with no cache, with a cache, with the cache off, and a plain require of the CLI modules agree', () => {
    const codeCache = path.join(folder, 'v8');
    const withNone = runBin(CHECK, codeCache);
    const withCache = runBin(CHECK, codeCache);
    const off = runBin(CHECK, 'off');
    const plain = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(path.join(DIST, 'cli', 'main.js'))}).main(${JSON.stringify(CHECK)}, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), color: false, isTTY: false }).then((code) => (process.exitCode = code))`,
      ],
      { encoding: 'utf8', env: envWith('off') },
    );
    expect({ status: withNone.status, stderr: withNone.stderr }).toEqual({ status: 1, stderr: '' });
    expect(JSON.parse(withNone.stdout).diagnostics.map((d: { code: string; file: string; line: number; column: number }) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'non-handler-export sites/once/src/backend/events.js:2:59',
      'duplicate-export sites/twice/src/backend/events.js:3:33',
    ]);
    for (const run of [withCache, off, { status: plain.status, stdout: plain.stdout, stderr: plain.stderr }]) expect(run).toEqual(withNone);
  });

  it('is safe when first runs start together: each prints the same, and the cache they leave is whole', async () => {
    const codeCache = path.join(folder, 'v8');
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        promisify(execFile)(process.execPath, [BIN, ...CHECK], { env: envWith(codeCache), encoding: 'utf8' }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
        ),
      ),
    );
    expect(new Set(runs.map((run) => JSON.stringify(run))).size).toBe(1);
    expect(runs[0]!.code).toBe(1);
    expect(cacheFiles(codeCache)).toEqual(['cli-<id>.v8', 'typescript-<id>.v8']);
    expect(statusAfterLoadingTheCli(codeCache)).toEqual({ cached: ['dist/cli/bundle.js'], compiled: [] });
  });

  it('costs nothing but time where it cannot be written: same output, same exit code, no error', () => {
    const notAFolder = path.join(folder, 'file');
    require('node:fs').writeFileSync(notAFolder, '');
    const reference = runBin(CHECK, 'off');
    expect(runBin(CHECK, path.join(notAFolder, 'v8'))).toEqual(reference);
  });
});
