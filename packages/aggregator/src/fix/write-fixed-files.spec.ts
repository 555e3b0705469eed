import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeFileText } from './file-text';
import { writeFixedFiles } from './write-fixed-files';

describe('writeFixedFiles', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'velo-events-write-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const original = async (file: string) => decodeFileText(await readFile(path.join(root, file)))!;

  it('replaces the file by a rename, keeps its permissions and BOM, and leaves no temporary file', async () => {
    await writeFile(path.join(root, 'events.js'), '\uFEFFold\r\n');
    await chmod(path.join(root, 'events.js'), 0o640);
    const before = await original('events.js');
    expect(await writeFixedFiles(root, [{ file: 'events.js', original: before, text: 'new\r\n' }])).toEqual([{ file: 'events.js', written: true }]);
    expect(await readFile(path.join(root, 'events.js'))).toEqual(Buffer.from('\uFEFFnew\r\n', 'utf8'));
    expect((await stat(path.join(root, 'events.js'))).mode & 0o777).toBe(0o640);
    expect(await readdir(root)).toEqual(['events.js']);
  });

  it('does not write a file that changed since it was read', async () => {
    await writeFile(path.join(root, 'events.js'), 'old\n');
    const before = await original('events.js');
    await writeFile(path.join(root, 'events.js'), 'edited meanwhile\n');
    expect(await writeFixedFiles(root, [{ file: 'events.js', original: before, text: 'new\n' }])).toEqual([
      { file: 'events.js', written: false, reason: 'it changed on disk since velo-events read it; run --fix again' },
    ]);
    expect(await readFile(path.join(root, 'events.js'), 'utf8')).toBe('edited meanwhile\n');
    expect(await readdir(root)).toEqual(['events.js']);
  });

  it('writes through a symbolic link to the file it points at, keeping the link', async () => {
    await writeFile(path.join(root, 'real.js'), 'old\n');
    await symlink('real.js', path.join(root, 'events.js'));
    const before = await original('events.js');
    await writeFixedFiles(root, [{ file: 'events.js', original: before, text: 'new\n' }]);
    expect(await readFile(path.join(root, 'real.js'), 'utf8')).toBe('new\n');
    expect((await readdir(root, { withFileTypes: true })).map((e) => [e.name, e.isSymbolicLink()])).toEqual([
      ['events.js', true],
      ['real.js', false],
    ]);
  });

  it('says why a file could not be written instead of throwing', async () => {
    await writeFile(path.join(root, 'events.js'), 'old\n');
    const before = await original('events.js');
    await rm(path.join(root, 'events.js'));
    expect(await writeFixedFiles(root, [{ file: 'events.js', original: before, text: 'new\n' }])).toEqual([
      { file: 'events.js', written: false, reason: 'it could not be written (ENOENT)' },
    ]);
  });
});
