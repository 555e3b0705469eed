import { buildSync } from 'esbuild';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { itAsUnprivilegedUser, runNodeAs, type UnprivilegedUser } from '../../test/unprivileged-user';
import { readSourceText } from './read-source';

// The module object read-source.ts calls readFile on (a namespace import's bindings are read-only).
const fsPromises = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');

describe('readSourceText', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'velo-events-read-source-'));
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  async function fileWith(name: string, bytes: string | Uint8Array): Promise<string> {
    const file = path.join(folder, name);
    await writeFile(file, bytes);
    return file;
  }

  it('reads UTF-8 text and keeps CRLF line endings', async () => {
    const file = await fileWith('crlf.js', 'export function a_onB(event) {\r\n  return "é✓";\r\n}\r\n');
    expect(await readSourceText(file)).toEqual({
      ok: true,
      text: 'export function a_onB(event) {\r\n  return "é✓";\r\n}\r\n',
    });
  });

  it('strips a UTF-8 byte order mark', async () => {
    const file = await fileWith('bom.js', Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('export {};\n')]));
    expect(await readSourceText(file)).toEqual({ ok: true, text: 'export {};\n' });
  });

  it('reads an empty file as empty text', async () => {
    expect(await readSourceText(await fileWith('empty.js', ''))).toEqual({ ok: true, text: '' });
  });

  it('reads through a symbolic link to a file', async () => {
    const target = await fileWith('target.js', 'export {};\n');
    await symlink(target, path.join(folder, 'link.js'));
    expect(await readSourceText(path.join(folder, 'link.js'))).toEqual({ ok: true, text: 'export {};\n' });
  });

  it.each<[string, Uint8Array, string]>([
    ['binary.js', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a]), 'is binary (contains NUL bytes)'],
    ['latin1.js', Buffer.from('// caf\xe9\n', 'latin1'), 'is not UTF-8 text'],
    [
      'utf16.js',
      Buffer.from([0xff, 0xfe, ...Buffer.from('export {};', 'utf16le')]),
      'is not UTF-8 text (it is UTF-16; save it as UTF-8)',
    ],
  ])('%s is not text', async (name, bytes, reason) => {
    expect(await readSourceText(await fileWith(name, bytes))).toEqual({ ok: false, reason });
  });

  it('a folder', async () => {
    await mkdir(path.join(folder, 'events.js'));
    expect(await readSourceText(path.join(folder, 'events.js'))).toEqual({ ok: false, reason: 'is a directory' });
  });

  it('a missing file, and a path through a file', async () => {
    const file = await fileWith('plain.js', '');
    expect(await readSourceText(path.join(folder, 'missing.js'))).toEqual({ ok: false, reason: 'does not exist' });
    expect(await readSourceText(path.join(file, 'below.js'))).toEqual({ ok: false, reason: 'does not exist' });
  });

  it('a broken symbolic link', async () => {
    await symlink('nowhere.js', path.join(folder, 'dangling.js'));
    expect(await readSourceText(path.join(folder, 'dangling.js'))).toEqual({
      ok: false,
      reason: 'is a broken symbolic link',
    });
  });

  it('a symbolic link loop', async () => {
    await symlink('loop-b.js', path.join(folder, 'loop-a.js'));
    await symlink('loop-a.js', path.join(folder, 'loop-b.js'));
    expect(await readSourceText(path.join(folder, 'loop-a.js'))).toEqual({
      ok: false,
      reason: 'is a symbolic link loop',
    });
  });

  it('not a regular file', async () => {
    expect(await readSourceText('/dev/null')).toEqual({ ok: false, reason: 'is not a regular file' });
  });

  // Mode 0o000 stops only an unprivileged process, so the reading runs in a child process
  // without root's file privileges (test/unprivileged-user.ts); it gets this module bundled.
  itAsUnprivilegedUser('a file without read permission, and one in a folder without search permission', async (user) => {
    await fileWith('secret.js', 'export {};\n');
    await chmod(path.join(folder, 'secret.js'), 0o000);
    await mkdir(path.join(folder, 'locked'));
    await fileWith('locked/inside.js', 'export {};\n');
    await chmod(path.join(folder, 'locked'), 0o000);
    await fileWith('readable.js', 'export {};\n');
    try {
      // The first fails to open (stat works), the second already fails to stat.
      const files = [path.join(folder, 'secret.js'), path.join(folder, 'locked', 'inside.js'), path.join(folder, 'readable.js')];
      expect(readAs(user, files)).toEqual({
        status: 0,
        stderr: '',
        results: [
          { ok: false, reason: 'cannot be read: EACCES (permission denied)' },
          { ok: false, reason: 'cannot be read: EACCES (permission denied)' },
          // The near miss: the same user reads a readable file.
          { ok: true, text: 'export {};\n' },
        ],
      });
    } finally {
      // Else the folder cannot be removed by a user who is not root.
      await chmod(path.join(folder, 'locked'), 0o755);
    }
  });

  it('a file the system refuses to open with EPERM (macOS does for folders the user has not granted access to)', async () => {
    // Linux gives no unprivileged way to make open(2) fail with EPERM, so the error is injected.
    const file = await fileWith('protected.js', 'export {};\n');
    const refused = Object.assign(new Error(`EPERM: operation not permitted, open '${file}'`), { code: 'EPERM', errno: -1, syscall: 'open', path: file });
    const readFile = jest.spyOn(fsPromises, 'readFile').mockRejectedValueOnce(refused);
    try {
      expect(await readSourceText(file)).toEqual({ ok: false, reason: 'cannot be read: EPERM (operation not permitted)' });
      expect(readFile.mock.calls).toEqual([[file]]);
    } finally {
      readFile.mockRestore();
    }
  });

  it('an error that is not a file-system error is a bug, thrown with its cause', async () => {
    const file = await fileWith('odd.js', 'export {};\n');
    const bug = new TypeError('not a file-system error');
    const readFile = jest.spyOn(fsPromises, 'readFile').mockRejectedValueOnce(bug);
    try {
      const thrown = (await readSourceText(file).catch((error: unknown) => error)) as Error;
      expect({ message: thrown.message, cause: thrown.cause }).toEqual({ message: `reading ${file} failed unexpectedly`, cause: bug });
      await expect(readSourceText(file)).resolves.toEqual({ ok: true, text: 'export {};\n' });
    } finally {
      readFile.mockRestore();
    }
  });
});

/** readSourceText of each file as `user`, from src/fs/read-source.ts bundled for a plain Node. */
function readAs(user: UnprivilegedUser, files: string[]): { status: number | null; stderr: string; results: unknown } {
  const { outputFiles } = buildSync({
    entryPoints: [path.join(__dirname, 'read-source.ts')],
    bundle: true,
    platform: 'node',
    format: 'iife',
    globalName: 'readSource',
    write: false,
  });
  const script = `${outputFiles[0]!.text}
Promise.all(${JSON.stringify(files)}.map((file) => readSource.readSourceText(file))).then((results) => process.stdout.write(JSON.stringify(results)));`;
  const run = runNodeAs(user, script);
  return { status: run.status, stderr: run.stderr, results: run.status === 0 ? JSON.parse(run.stdout) : run.stdout };
}
