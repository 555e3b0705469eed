import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readSourceText } from './read-source';

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

  // root reads files regardless of their mode, so the case only shows for other users.
  const runsAsRoot = process.getuid?.() === 0;
  (runsAsRoot ? it.skip : it)('a file without read permission', async () => {
    const file = await fileWith('secret.js', 'export {};\n');
    await chmod(file, 0o000);
    expect(await readSourceText(file)).toEqual({ ok: false, reason: 'cannot be read: EACCES (permission denied)' });
  });
});
