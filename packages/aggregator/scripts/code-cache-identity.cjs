#!/usr/bin/env node
'use strict';
// An Nx runtime input of the build (package.json "nx"): what dist/typescript.v8cache is keyed
// by besides the build's own files — where the TypeScript it was made for lies and its
// inode change time (src/cache/preload-typescript.ts). A build restored from Nx's cache made
// in another checkout, or before a reinstall, would carry a key that never matches here:
// TypeScript would then load without its code cache.
const fs = require('node:fs');

const file = require.resolve('@ts-morph/common/dist/typescript.js', { paths: [__dirname] });
process.stdout.write(`${file} ${fs.statSync(file).ctimeMs} ${process.version}\n`);
