import { parsePatch, applyPatch } from 'diff';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main';

/**
 * `check --fix` / `--fix-dry-run` (issue 8) on mini workspaces: each case's `before/` is
 * copied to a temp folder and fixed there; `after/` holds every file the fix changes,
 * exactly, and `summary.txt` what it says (on stderr with `--format json`).
 */
const FIXTURES = path.join(__dirname, 'fixtures', 'fix');

/** Every case with the exit code of the check that follows the fix. */
const CASES: Record<string, number> = {
  'typo-renames': 0,
  'typo-refusals': 0,
  'bare-reexports': 1,
  'dynamic-exports': 0,
  'object-wrappers': 0,
  commonjs: 0,
  'no-certain-fix': 1,
  demo: 1,
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color: false,
    readStdin: async () => '',
  });
  return { code, stdout, stderr };
}

const copies: string[] = [];
afterAll(async () => {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

type Variant = (text: string) => string;
const AS_IS: Variant = (text) => text;
const CRLF: Variant = (text) => text.replace(/\n/g, '\r\n');
const BOM: Variant = (text) => `\uFEFF${text}`;

/** A temp copy of `before/`, its `.js` files passed through `variant` (CRLF, BOM). */
async function copyCase(name: string, variant: Variant = AS_IS): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), `velo-events-fix-${name}-`));
  copies.push(root);
  await cp(path.join(FIXTURES, name, 'before'), root, { recursive: true });
  for (const file of await filesUnder(root)) {
    if (file.endsWith('.js')) await writeFile(path.join(root, file), variant(await readFile(path.join(root, file), 'utf8')));
  }
  return root;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** What each file of the case must hold after the fix: after/ where it has the file, else before/. */
async function expectedFiles(name: string, variant: Variant = AS_IS): Promise<Map<string, string>> {
  const before = path.join(FIXTURES, name, 'before');
  const after = path.join(FIXTURES, name, 'after');
  const changed = new Set(await filesUnder(after).catch(() => []));
  const expected = new Map<string, string>();
  for (const file of await filesUnder(before)) {
    const text = await readFile(path.join(changed.has(file) ? after : before, file), 'utf8');
    expected.set(file, file.endsWith('.js') ? variant(text) : text);
  }
  return expected;
}

async function expectFiles(root: string, expected: Map<string, string>): Promise<void> {
  expect(await filesUnder(root)).toEqual([...expected.keys()]);
  for (const [file, text] of expected) expect({ file, text: await readFile(path.join(root, file), 'utf8') }).toEqual({ file, text });
}

const summaryOf = (name: string): Promise<string> => readFile(path.join(FIXTURES, name, 'summary.txt'), 'utf8');

describe.each(Object.keys(CASES))('velo-events check --fix on %s', (name) => {
  it('rewrites the events files to exactly after/, says what it did and why not, and reports what is left', async () => {
    const root = await copyCase(name);
    const fixed = await run('check', '--fix', '--root', root, '--format', 'json', '--no-cache');
    expect(fixed.stderr).toBe(await summaryOf(name));
    await expectFiles(root, await expectedFiles(name));
    // The report is check's on the files as they now are, and so is the exit code.
    const check = await run('check', '--root', root, '--format', 'json', '--no-cache');
    expect({ code: fixed.code, stdout: fixed.stdout }).toEqual({ code: CASES[name], stdout: check.stdout });
    expect(check.code).toBe(CASES[name]);
  });

  it('changes nothing when run a second time', async () => {
    const root = await copyCase(name);
    await run('check', '--fix', '--root', root, '--format', 'json', '--no-cache');
    const second = await run('check', '--fix', '--root', root, '--format', 'json', '--no-cache');
    expect(second.stderr).not.toContain('Fixed:');
    expect(second.stderr).toMatch(/velo-events --fix: fixed 0 problems in 0 files[;.]/);
    await expectFiles(root, await expectedFiles(name));
  });

  it('--fix-dry-run writes nothing, prints a diff that turns before/ into after/, and exits as check after the fix', async () => {
    const root = await copyCase(name);
    const dry = await run('check', '--fix-dry-run', '--root', root, '--format', 'json', '--no-cache');
    await expectFiles(root, await beforeFiles(name));
    const expected = await expectedFiles(name);
    const diffText = dry.stderr.split(/^(?=Not fixed|velo-events --fix-dry-run:)/m)[0]!;
    const patched = new Map(await Promise.all((await filesUnder(root)).map(async (f) => [f, await readFile(path.join(root, f), 'utf8')] as const)));
    for (const patch of parsePatch(diffText).filter((p) => p.hunks.length > 0)) {
      const file = patch.oldFileName!.replace(/^a\//, '');
      const result = applyPatch(patched.get(file)!, patch);
      expect(result).not.toBe(false);
      patched.set(file, result as string);
    }
    expect(patched).toEqual(expected);
    // stdout is the report of the fixed text: what the real fix then reports.
    const fixRoot = await copyCase(name);
    const fixed = await run('check', '--fix', '--root', fixRoot, '--format', 'json', '--no-cache');
    expect({ code: dry.code, stdout: dry.stdout }).toEqual({ code: fixed.code, stdout: fixed.stdout });
  });
});

async function beforeFiles(name: string): Promise<Map<string, string>> {
  const before = path.join(FIXTURES, name, 'before');
  return new Map(await Promise.all((await filesUnder(before)).map(async (f) => [f, await readFile(path.join(before, f), 'utf8')] as const)));
}

describe('velo-events check --fix keeps line endings and the byte order mark', () => {
  const variants: [string, Variant][] = [
    ['CRLF', CRLF],
    ['a BOM', BOM],
    ['CRLF and a BOM', (text) => BOM(CRLF(text))],
  ];
  describe.each(['typo-renames', 'bare-reexports', 'object-wrappers', 'commonjs'])('%s', (name) => {
    it.each(variants)('with %s: every line, old and new, as the file had them', async (_, variant) => {
      const root = await copyCase(name, variant);
      const fixed = await run('check', '--fix', '--root', root, '--format', 'json', '--no-cache');
      expect(fixed.stderr).toBe(await summaryOf(name));
      await expectFiles(root, await expectedFiles(name, variant));
    });
  });
});

describe('velo-events check --fix-dry-run', () => {
  it('prints a unified diff per file and what has no certain fix (pretty: no report, exit code of the fixed text)', async () => {
    const root = await copyCase('demo');
    const dry = await run('check', '--fix-dry-run', '--root', root, '--no-cache');
    expect(dry).toEqual({ code: 1, stderr: '', stdout: await readFile(path.join(FIXTURES, 'demo', 'dry-run.txt'), 'utf8') });
    await expectFiles(root, await beforeFiles('demo'));
  });

  it('shows the BOM and CR of a file in its diff, so the patch applies to the file as it is', async () => {
    const root = await copyCase('typo-renames', (text) => BOM(CRLF(text)));
    const dry = await run('check', '--fix-dry-run', '--root', root, '--no-cache');
    expect(dry.stdout).toContain('\n-export function wixBiling_onInvoicePaid(event) {\r\n+export function wixBilling_onInvoicePaid(event) {\r\n');
    expect(dry.stdout).toContain('@@ -1,15 +1,15 @@\n \uFEFF// A declaration is renamed');
  });

  it('is a usage error together with --fix', async () => {
    const result = await run('check', '--fix', '--fix-dry-run', '--root', path.join(FIXTURES, 'demo', 'before'));
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "velo-events: option '--fix-dry-run' cannot be used with option '--fix' (see velo-events --help)\n",
    });
  });
});

describe('velo-events check --fix on a file that changes meanwhile', () => {
  it('does not write a file whose bytes changed since they were read, and says so', async () => {
    const root = await copyCase('typo-renames');
    const file = path.join(root, 'site', 'src', 'backend', 'events.js');
    const { writeFixedFiles } = await import('../src/fix/write-fixed-files');
    const { planWorkspaceFixes } = await import('../src/fix/plan-workspace-fixes');
    const fixes = await planWorkspaceFixes({ root });
    const edited = `${await readFile(file, 'utf8')}// saved by an editor meanwhile\n`;
    await writeFile(file, edited);
    expect(await writeFixedFiles(root, fixes.files)).toEqual([
      { file: 'site/src/backend/events.js', written: false, reason: 'it changed on disk since velo-events read it; run --fix again' },
    ]);
    expect(await readFile(file, 'utf8')).toBe(edited);
  });
});
