#!/usr/bin/env node
'use strict';
// Part of `npm run build`, after tsc: writes dist/cli/bundle.js, the CLI's compiled modules
// and the two dependencies every check loads (commander, acorn) in one file, made with
// esbuild (see src/cli/bundle-entry.ts). Node then resolves, reads and compiles one file
// instead of ~75: a small cold check takes ~15 % less time. The other dependencies stay
// outside: TypeScript must be the one copy the code cache preloads, and the rest load
// only on the paths that need them.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const packageRoot = path.join(__dirname, '..');
const outfile = path.join(packageRoot, 'dist', 'cli', 'bundle.js');
const BUNDLED = new Set(['commander', 'acorn']);
const { dependencies } = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/**
 * commander requires node:child_process at load, for executable subcommands, which we do
 * not have; loading it costs every run ~3 ms (a warm check takes ~30 ms beyond Node's own
 * start). Within the bundle, commander gets it through a stand-in that loads it on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer) ? { path: 'lazy-child-process', namespace: 'velo-events' } : undefined,
    );
    build.onLoad({ filter: /^lazy-child-process$/, namespace: 'velo-events' }, () => ({
      contents: "let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

async function bundle() {
  const { metafile } = await esbuild.build({
    entryPoints: [path.join(packageRoot, 'dist', 'cli', 'bundle-entry.js')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    metafile: true,
    // An internal error's stack names lines of the bundle: the map leads back to dist/'s
    // modules (and their maps to src/). Node reads it only under --enable-source-maps.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [lazyChildProcess],
  });
  // A dependency bundled by mistake would be a second copy of it; TypeScript's would load twice.
  const strays = Object.keys(metafile.inputs).filter((input) => {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    return match !== null && !BUNDLED.has(match[1]);
  });
  if (strays.length > 0) {
    fs.rmSync(outfile, { force: true });
    throw new Error(`bundle-cli: dependencies outside ${[...BUNDLED].join(', ')} were bundled: ${strays.join(', ')}`);
  }
  const kb = Math.round(fs.statSync(outfile).size / 1024);
  process.stdout.write(`wrote dist/cli/bundle.js (${Object.keys(metafile.inputs).length} modules, ${kb} KB)\n`);
}

bundle().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
