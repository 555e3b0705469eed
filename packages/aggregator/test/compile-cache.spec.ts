import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run build` writes dist/cli.v8cache from one check (src/cache/compile-cache.ts); the bin
 * compiles the CLI's modules with it. Checked against the built files, in fresh processes.
 */
const PACKAGE = path.join(__dirname, '..');
const DIST = path.join(PACKAGE, 'dist');
const BIN = path.join(PACKAGE, 'bin', 'velo-events.cjs');

type Index = import('../src/cache/compile-cache').CacheIndex;

const readIndex = (): Index => JSON.parse(readFileSync(path.join(DIST, 'cli.v8cache.json'), 'utf8')) as Index;

describe('the CLI compile cache', () => {
  it("holds the CLI's bundle, the one module a check loads after it, for this Node, accepted by V8 for its current text", () => {
    const index = readIndex();
    expect({ node: index.node, v8: index.v8 }).toEqual({ node: process.version, v8: process.versions.v8 });
    expect(Object.keys(index.modules)).toEqual(['dist/cli/bundle.js']);
    // In a fresh Node: V8 checks its own cache there, as the bin's process would.
    const verdicts = execFileSync(
      process.execPath,
      [
        '-e',
        `const { cachedCode, textHash, wrapped } = require('./cache/compile-cache.js');
         const fs = require('node:fs'), path = require('node:path'), vm = require('node:vm');
         const index = JSON.parse(fs.readFileSync('cli.v8cache.json', 'utf8'));
         const blob = fs.readFileSync('cli.v8cache');
         const rejected = [];
         for (const key of Object.keys(index.modules)) {
           const file = path.join('..', key);
           const text = fs.readFileSync(file, 'utf8');
           const script = new vm.Script(wrapped(text), { filename: path.resolve(file), cachedData: cachedCode(index, blob, key, textHash(text)) });
           if (script.cachedDataRejected !== false) rejected.push(key);
         }
         process.stdout.write(JSON.stringify(rejected));`,
      ],
      { cwd: DIST, encoding: 'utf8' },
    );
    expect(JSON.parse(verdicts)).toEqual([]);
  });

  it('gives no cached code for a text other than the one it was made from', () => {
    const { cachedCode, textHash } = require(path.join(DIST, 'cache', 'compile-cache.js')) as typeof import('../src/cache/compile-cache');
    const index = readIndex();
    const blob = readFileSync(path.join(DIST, 'cli.v8cache'));
    const text = readFileSync(path.join(DIST, 'cli', 'bundle.js'), 'utf8');
    expect(cachedCode(index, blob, 'dist/cli/bundle.js', textHash(text))).toBeInstanceOf(Buffer);
    // Same length, other text: V8 alone would take the cached code (it checks the length).
    const other = text.replace('exitCode', 'exitCod_');
    expect(other.length).toBe(text.length);
    expect(cachedCode(index, blob, 'dist/cli/bundle.js', textHash(other))).toBeUndefined();
    expect(cachedCode(index, blob, 'dist/not-a-module.js', textHash(text))).toBeUndefined();
  });

  it('changes nothing the CLI prints: the bin (bundle and cache) and a plain require of the CLI modules agree', () => {
    const fixture = path.join(__dirname, 'fixtures', 'aggregate', 'duplicate-export');
    const argv = ['check', '--root', fixture, '--format', 'json', '--no-cache'];
    const run = (args: string[]): string => {
      try {
        return execFileSync(process.execPath, args, { encoding: 'utf8' });
      } catch (error) {
        // Exit 1: the fixture has errors; its output is what is compared.
        return (error as { stdout: string }).stdout;
      }
    };
    const cached = run([BIN, ...argv]);
    const plain = run([
      '-e',
      `require(${JSON.stringify(path.join(DIST, 'cli', 'main.js'))}).main(${JSON.stringify(argv)}, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), color: false, isTTY: false }).then((code) => (process.exitCode = code))`,
    ]);
    expect(cached).toBe(plain);
    expect(JSON.parse(plain).diagnostics.length).toBeGreaterThan(0);
  });
});
