#!/usr/bin/env node
'use strict';
// Part of `npm run build`: writes dist/code-files.json, the compiled code files that a
// warm run stats to tell its build from another (see src/cache/code-files.ts).
const fs = require('node:fs');
const path = require('node:path');
const { CODE_FILE_LIST, listCodeFiles } = require('../dist/cache/code-files.js');

const codeDir = path.join(__dirname, '..', 'dist');
const files = listCodeFiles(codeDir);
fs.writeFileSync(path.join(codeDir, CODE_FILE_LIST), `${JSON.stringify(files, null, 2)}\n`);
process.stdout.write(`wrote dist/${CODE_FILE_LIST} (${files.length} files)\n`);
