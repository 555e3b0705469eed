#!/usr/bin/env node
'use strict';
/**
 * `npm run fuzz` (at the root): the long campaign of test/fuzz-model.spec.ts — generated
 * ES modules through analyze → resolve → validate, checked against the independent model
 * in test/fuzz/. The normal test run does 10,000 cases; this does 200,000 by default.
 *
 *   npm run fuzz [-- --runs N] [--seed S] [--path P]
 *
 * The seed is printed first; a failure prints fast-check's seed and path, and
 * `--seed S --path P` replays exactly that case. Runs the TypeScript sources directly
 * (transpiled on load with the TypeScript that ts-morph bundles), so no build is needed.
 */
const path = require('node:path');
const { ts } = require('ts-morph');

function parseArguments(argv) {
  const options = { runs: 200_000, seed: Date.now() % 2 ** 31, path: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--runs' || flag === '--seed') {
      const number = Number(value);
      if (!Number.isSafeInteger(number) || number < 0) usage(`${flag} needs a whole number, got ${value}`);
      options[flag.slice(2)] = number;
      i += 1;
    } else if (flag === '--path') {
      if (value === undefined) usage('--path needs the path fast-check printed');
      options.path = value;
      i += 1;
    } else {
      usage(`unknown option ${flag}`);
    }
  }
  return options;
}

function usage(problem) {
  process.stderr.write(`fuzz: ${problem}\nusage: npm run fuzz [-- --runs N] [--seed S] [--path P]\n`);
  process.exit(2);
}

/** Loads .ts files as CommonJS, transpiled without type checking (what ts-jest does, minus the checks). */
function registerTypeScript() {
  require.extensions['.ts'] = (module, filename) => {
    const source = require('node:fs').readFileSync(filename, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    module._compile(outputText, filename);
  };
}

const options = parseArguments(process.argv.slice(2));
registerTypeScript();
const { runCampaign } = require(path.join(__dirname, '..', 'test', 'fuzz', 'fuzz-campaign.ts'));

process.stdout.write(`fuzz: ${options.runs} cases, seed ${options.seed}${options.path ? `, path ${options.path}` : ''}\n`);
const started = process.hrtime.bigint();
try {
  runCampaign(options);
} catch (error) {
  const message = error && error.message ? error.message : String(error);
  process.stderr.write(`${message}\n`);
  // fast-check keeps the property's own error (the diff and the files) as the cause.
  if (error && error.cause) process.stderr.write(`\n${error.cause.message || error.cause}\n`);
  const failurePath = /path: "([^"]+)"/.exec(message);
  const replay = failurePath ? `--seed ${options.seed} --path ${failurePath[1]}` : `--seed ${options.seed} --runs ${options.runs}`;
  process.stderr.write(`\nfuzz: FAILED — replay with: npm run fuzz -- ${replay}\n`);
  process.exit(1);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`fuzz: ${options.runs} cases agree with the model (${seconds.toFixed(1)} s)\n`);
