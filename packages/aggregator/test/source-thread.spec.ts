import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeTempDirs, tempDir } from './build-fixture';
import { runWithParallelism } from './parallelism';

/**
 * A cold check with more than SOURCE_THREAD_THRESHOLD (64) files has a second thread read
 * the files and judge their validity (V8, then acorn for the wording of what V8 rejects)
 * while TypeScript loads and parses on the main one. What it finds — which of two errors in a file wins, why a file cannot be read — must
 * be what the check in one thread finds.
 */

afterAll(removeTempDirs);

// Each wave (events files, then their helpers) has more than SOURCE_THREAD_THRESHOLD files.
const PACKAGES = 70;

/** events.js variants: valid, early errors, TypeScript's own parse errors, and both at once. */
const VARIANTS = [
  'export function wixCrm_onContactCreated(event) {}\n',
  'let total = 1;\nlet total = 2;\nexport function wixCrm_onContactCreated(event) {}\n',
  'export const broken = ;\n',
  // The early error comes first in the file; TypeScript's parse error is still the one reported.
  'let a;\nlet a;\nexport const broken = ;\n',
  'with (Math) {}\nexport function wixCrm_onContactCreated(event) {}\n',
  "export { wixCrm_onContactCreated } from './helper.js';\n",
  // Errors inside bodies, which TypeScript parses only in outline (src/analyze/outline.ts):
  // acorn's early error, and TypeScript's own message where it has one.
  'export function wixCrm_onContactCreated(event) {\n  let a;\n  let a;\n}\n',
  'export function wixCrm_onContactCreated(event) {\n  return 1 +;\n}\n',
  // V8 (the judge on the thread) rejects a name exported twice, acorn is told not to: it is
  // duplicate-export, on either path, never a parse-error.
  'export function wixCrm_onContactCreated(event) {}\nexport { wixCrm_onContactCreated };\n',
  // Where V8 (Node 20) and acorn disagree, the answer is acorn's on both paths (source-worker.ts):
  // an import assertion, which only this V8 accepts, is a parse-error;
  "import data from './helper.js' assert { type: 'json' };\nexport function wixCrm_onContactCreated(event) { return data; }\n",
  // syntax newer than this V8 (ES2025 RegExp modifiers and duplicate named groups, `using`) is valid;
  'export function wixCrm_onContactCreated(event) {\n  { using handle = null; }\n}\n',
  'export function wixCrm_onContactCreated(event) {\n  return /(?i:a)b/.test(event);\n}\n',
  'export function wixCrm_onContactCreated(event) {\n  return /(?<y>a)|(?<y>b)/.test(event);\n}\n',
  // `default` exported twice, in both of the ways V8 words differently, is duplicate-export.
  'export default function () {}\nexport default function () {}\n',
  'function wixCrm_onContactCreated(event) {}\nexport default 1;\nexport { wixCrm_onContactCreated as default };\n',
];

const HELPER = 'export function wixCrm_onContactCreated(event) {}\nexport { undeclared };\n';

/**
 * Helpers a few events files import, each unreadable in its own way or read only with care:
 * the thread leaves the unreadable ones to the main thread, which says why.
 */
const ODD_HELPERS: Record<string, Buffer> = {
  'binary.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
  'latin1.js': Buffer.from("export function wixCrm_onContactUpdated(event) { return 'Gr\u00fc\u00dfe'; }\n", 'latin1'),
  // Read, and located as if the BOM were not there: the parse error is at column 18.
  'bom.js': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('export const x = ;\n')]),
  // A real U+FFFD is text, not a decoding failure.
  'replacement.js': Buffer.from("export const y = '\ufffd';\nexport const z = ;\n", 'utf8'),
};

async function writeWorkspace(root: string): Promise<void> {
  const files: Record<string, string | Buffer> = {
    'package.json': JSON.stringify({ name: 'early', private: true, workspaces: ['packages/*'] }),
  };
  for (let i = 0; i < PACKAGES; i += 1) {
    files[`packages/p${i}/package.json`] = JSON.stringify({ name: `p${i}` });
    files[`packages/p${i}/backend/events.js`] = VARIANTS[i % VARIANTS.length]!;
    files[`packages/p${i}/backend/helper.js`] = HELPER;
  }
  // Each odd helper is imported by one package; p35 imports a folder, p36 a FIFO.
  const odd = Object.keys(ODD_HELPERS);
  for (const [index, name] of odd.entries()) {
    files[`packages/p${30 + index}/backend/events.js`] = `export { wixCrm_onContactUpdated } from './${name}';\n`;
    files[`packages/p${30 + index}/backend/${name}`] = ODD_HELPERS[name]!;
  }
  files['packages/p35/backend/events.js'] = "export { wixCrm_onContactUpdated } from './folder.js';\n";
  files['packages/p36/backend/events.js'] = "export { wixCrm_onContactUpdated } from './pipe.js';\n";
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  await mkdir(path.join(root, 'packages/p35/backend/folder.js'));
  execFileSync('mkfifo', [path.join(root, 'packages/p36/backend/pipe.js')]);
}

interface Diagnostic {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

describe('reading and the early-error check on a thread of their own', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir('source-thread');
    await writeWorkspace(root);
  });

  it('finds what the one-thread check finds, byte for byte, and starts exactly one thread for it', async () => {
    const argv = ['check', '--root', root, '--format', 'json', '--no-cache'];
    const [oneThread, twoThreads] = await Promise.all([runWithParallelism(1, argv), runWithParallelism(2, argv)]);
    expect({ status: oneThread.status, stderr: oneThread.stderr, workers: oneThread.workers }).toEqual({ status: 1, stderr: '', workers: 0 });
    expect({ status: twoThreads.status, stderr: twoThreads.stderr, workers: twoThreads.workers }).toEqual({ status: 1, stderr: '', workers: 1 });
    expect(twoThreads.stdout).toBe(oneThread.stdout);

    const report = JSON.parse(twoThreads.stdout) as { diagnostics: Diagnostic[] };
    const parseErrors = report.diagnostics
      .filter((d) => d.code === 'parse-error' && /^packages\/p([0-7]|3[23])\//.test(d.file))
      .map(({ file, line, column, message }) => ({ file, line, column, message: message.replace(/ — .*$/, '') }));
    expect(parseErrors).toEqual([
      { file: 'packages/p1/backend/events.js', line: 2, column: 5, message: "Identifier 'total' has already been declared" },
      { file: 'packages/p2/backend/events.js', line: 1, column: 23, message: 'Expression expected.' },
      { file: 'packages/p3/backend/events.js', line: 3, column: 23, message: 'Expression expected.' },
      { file: 'packages/p32/backend/bom.js', line: 1, column: 18, message: 'Expression expected.' },
      { file: 'packages/p33/backend/replacement.js', line: 2, column: 18, message: 'Expression expected.' },
      { file: 'packages/p4/backend/events.js', line: 1, column: 1, message: "'with' in strict mode" },
      { file: 'packages/p5/backend/helper.js', line: 2, column: 10, message: "Export 'undeclared' is not defined" },
      { file: 'packages/p6/backend/events.js', line: 3, column: 7, message: "Identifier 'a' has already been declared" },
      { file: 'packages/p7/backend/events.js', line: 2, column: 13, message: 'Expression expected.' },
    ]);
    expect(report.diagnostics.filter((d) => d.file === 'packages/p8/backend/events.js').map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'duplicate-export 2:10',
    ]);
    // Where V8 and acorn disagree (VARIANTS 9 to 14), the same answer on both paths.
    const codesOf = (i: number): string[] =>
      report.diagnostics.filter((d) => d.file === `packages/p${i}/backend/events.js`).map((d) => `${d.code} ${d.line}:${d.column}`);
    expect(Object.fromEntries([9, 10, 11, 12, 13, 14].map((i) => [`p${i}`, codesOf(i)]))).toEqual({
      p9: ['parse-error 1:32'],
      // Valid: a handler, orphaned as every package here is.
      p10: ['orphan-package 1:1'],
      p11: ['orphan-package 1:1'],
      p12: ['orphan-package 1:1'],
      p13: ['unsupported-export 1:1', 'duplicate-export 2:1', 'unsupported-export 2:1'],
      p14: ['unsupported-export 2:1', 'unsupported-export 3:10', 'duplicate-export 3:37'],
    });
    const readErrors = report.diagnostics.filter((d) => d.code === 'read-error').map(({ file, line, column, message }) => ({ file, line, column, message }));
    expect(readErrors).toEqual([
      { file: 'packages/p30/backend/binary.js', line: 1, column: 1, message: 'packages/p30/backend/binary.js is binary (contains NUL bytes)' },
      { file: 'packages/p31/backend/latin1.js', line: 1, column: 1, message: 'packages/p31/backend/latin1.js is not UTF-8 text' },
      { file: 'packages/p35/backend/folder.js', line: 1, column: 1, message: 'packages/p35/backend/folder.js is a directory' },
      { file: 'packages/p36/backend/pipe.js', line: 1, column: 1, message: 'packages/p36/backend/pipe.js is not a regular file' },
    ]);
  }, 60_000);

  it('hands the files to a fresh worker every FILES_PER_WORKER files, with the same result', async () => {
    const argv = ['check', '--root', root, '--format', 'json', '--no-cache'];
    const [oneWorker, recycled] = await Promise.all([
      runWithParallelism(2, argv),
      // The 70 events files in slices of 20, 20, 20 and 10, one worker each (the few modules
      // they import are read on the main thread: fewer than SOURCE_THREAD_THRESHOLD).
      runWithParallelism(2, argv, { VELO_EVENTS_FILES_PER_SOURCE_WORKER: '20' }),
    ]);
    expect({ status: recycled.status, stderr: recycled.stderr, workers: recycled.workers }).toEqual({ status: 1, stderr: '', workers: 4 });
    expect(recycled.stdout).toBe(oneWorker.stdout);
  }, 60_000);

  it('judges with acorn alone, the same way, where a worker may not have --experimental-vm-modules', async () => {
    const refuse = path.join(root, '..', 'refuse-vm-modules.cjs');
    await writeFile(
      refuse,
      [
        "const threads = require('node:worker_threads');",
        'const Base = threads.Worker;',
        'threads.Worker = class extends Base {',
        '  constructor(script, options = {}) {',
        "    if ((options.execArgv ?? []).includes('--experimental-vm-modules')) {",
        "      throw Object.assign(new Error('Initiated Worker with invalid execArgv flags'), { code: 'ERR_WORKER_INVALID_EXEC_ARGV' });",
        '    }',
        '    super(script, options);',
        '  }',
        '};',
      ].join('\n'),
    );
    const argv = ['check', '--root', root, '--format', 'json', '--no-cache'];
    const [v8, acornAlone] = await Promise.all([
      runWithParallelism(2, argv),
      // Uncolored: under FORCE_COLOR (Nx sets it) Node colors the debug line's prefix.
      runWithParallelism(2, argv, { NODE_OPTIONS: `--require ${JSON.stringify(refuse)}`, NODE_DEBUG: 'velo-events', FORCE_COLOR: '0', NO_COLOR: '1' }),
    ]);
    expect(acornAlone.status).toBe(1);
    expect(acornAlone.stdout).toBe(v8.stdout);
    // Said once (NODE_DEBUG=velo-events), though two waves start the thread's work.
    expect(acornAlone.stderr.match(/VELO-EVENTS \d+: .*/g)).toEqual([
      expect.stringMatching(/: this Node refuses --experimental-vm-modules in a worker: acorn alone judges module validity$/),
    ]);
  }, 60_000);
});
