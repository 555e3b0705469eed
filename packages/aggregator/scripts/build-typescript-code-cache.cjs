#!/usr/bin/env node
'use strict';
// Part of `npm run build`: writes dist/typescript.v8cache, V8's compiled code of the
// TypeScript that ts-morph bundles (see src/cache/preload-typescript.ts).
const fs = require('node:fs');
const { writeTypeScriptCodeCache } = require('../dist/cache/preload-typescript.js');

const written = writeTypeScriptCodeCache((file, data) => fs.writeFileSync(file, data));
process.stdout.write(`wrote ${require('node:path').relative(process.cwd(), written)}\n`);
