import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeTempDirs, tempDir } from './build-fixture';
import { runWithParallelism } from './parallelism';

/**
 * A cold check with more than EARLY_ERROR_THREAD_THRESHOLD (64) files runs acorn's
 * early-error check on a second thread while TypeScript parses on the main one. What it
 * finds, and which of two errors in a file wins, must be what the check in one thread finds.
 */

afterAll(removeTempDirs);

const PACKAGES = 40;

/** events.js variants: valid, early errors, TypeScript's own parse errors, and both at once. */
const VARIANTS = [
  'export function wixCrm_onContactCreated(event) {}\n',
  'let total = 1;\nlet total = 2;\nexport function wixCrm_onContactCreated(event) {}\n',
  'export const broken = ;\n',
  // The early error comes first in the file; TypeScript's parse error is still the one reported.
  'let a;\nlet a;\nexport const broken = ;\n',
  'with (Math) {}\nexport function wixCrm_onContactCreated(event) {}\n',
  "export { wixCrm_onContactCreated } from './helper.js';\n",
];

const HELPER = 'export function wixCrm_onContactCreated(event) {}\nexport { undeclared };\n';

async function writeWorkspace(root: string): Promise<void> {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'early', private: true, workspaces: ['packages/*'] }),
  };
  for (let i = 0; i < PACKAGES; i += 1) {
    files[`packages/p${i}/package.json`] = JSON.stringify({ name: `p${i}` });
    files[`packages/p${i}/backend/events.js`] = VARIANTS[i % VARIANTS.length]!;
    files[`packages/p${i}/backend/helper.js`] = HELPER;
  }
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

interface Diagnostic {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

describe('the early-error check on its own thread', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir('early-error-thread');
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
      .filter((d) => d.code === 'parse-error' && /^packages\/p[0-5]\//.test(d.file))
      .map(({ file, line, column, message }) => ({ file, line, column, message: message.replace(/ — .*$/, '') }));
    expect(parseErrors).toEqual([
      { file: 'packages/p1/backend/events.js', line: 2, column: 5, message: "Identifier 'total' has already been declared" },
      { file: 'packages/p2/backend/events.js', line: 1, column: 23, message: 'Expression expected.' },
      { file: 'packages/p3/backend/events.js', line: 3, column: 23, message: 'Expression expected.' },
      { file: 'packages/p4/backend/events.js', line: 1, column: 1, message: "'with' in strict mode" },
      { file: 'packages/p5/backend/helper.js', line: 2, column: 10, message: "Export 'undeclared' is not defined" },
    ]);
  }, 60_000);
});
