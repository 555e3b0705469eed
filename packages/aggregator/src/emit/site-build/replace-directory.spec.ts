import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { replaceDirectory } from './replace-directory';

let tmp: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'velo-events-replace-directory-'));
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Writes `files` (relative path → text) below `dir`. */
async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}

/** Every file below `dir` with its text, keyed by POSIX path. */
async function readTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const tree: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    tree[path.relative(dir, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
  }
  return tree;
}

async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

const OLD = { 'dispatch-manifest.json': 'old manifest', 'site/src/backend/events.js': 'old dispatcher' };
const NEW = { 'dispatch-manifest.json': 'new manifest', 'site/src/backend/events.js': 'new dispatcher' };
const SIBLINGS = { 'outer/keep.txt': 'outer', 'out2/keep.txt': 'out2', '.out-cache/keep.txt': 'cache', 'notes.txt': 'notes' };

describe('replaceDirectory', () => {
  it('replaces an existing folder with what fill writes, and leaves its siblings alone', async () => {
    const target = path.join(tmp, 'out');
    await writeTree(target, { ...OLD, 'stale.txt': 'from an older build' });
    await writeTree(tmp, SIBLINGS);

    await replaceDirectory(target, (stage) => writeTree(stage, NEW));

    expect(await readTree(target)).toEqual(NEW);
    expect(await listDir(tmp)).toEqual(['.out-cache', 'notes.txt', 'out', 'out2', 'outer']);
    expect(await readTree(tmp)).toEqual({
      ...SIBLINGS,
      'out/dispatch-manifest.json': 'new manifest',
      'out/site/src/backend/events.js': 'new dispatcher',
    });
  });

  it('creates the folder, and its missing parents, when it does not exist yet', async () => {
    const target = path.join(tmp, 'a', 'b', 'out');

    await replaceDirectory(target, (stage) => writeTree(stage, NEW));

    expect(await readTree(target)).toEqual(NEW);
    expect(await listDir(path.join(tmp, 'a', 'b'))).toEqual(['out']);
  });

  it('gives fill an empty staging folder beside the target, so the swap is a rename on one file system', async () => {
    const target = path.join(tmp, 'out');
    await writeTree(target, OLD);
    const seen: { parent: string; contents: string[] }[] = [];

    await replaceDirectory(target, async (stage) => {
      seen.push({ parent: path.dirname(stage), contents: await listDir(stage) });
      await writeTree(stage, NEW);
    });

    expect(seen).toEqual([{ parent: tmp, contents: [] }]);
  });

  it('leaves the old folder untouched and no staging folder behind when fill throws', async () => {
    const target = path.join(tmp, 'out');
    await writeTree(target, OLD);
    const failure = new Error('disk full');

    await expect(
      replaceDirectory(target, async (stage) => {
        await writeTree(stage, { 'dispatch-manifest.json': 'half written' });
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await readTree(target)).toEqual(OLD);
    expect(await listDir(tmp)).toEqual(['out']);
  });

  it('leaves nothing at all when fill throws and there was no old folder', async () => {
    const target = path.join(tmp, 'out');
    const failure = new Error('disk full');

    await expect(replaceDirectory(target, () => Promise.reject(failure))).rejects.toBe(failure);

    expect(await listDir(tmp)).toEqual([]);
  });

  it('puts back the old folder of a swap killed between its two renames before starting', async () => {
    // The first rename moved out → .out.old-…; the kill came before .out.new-… → out.
    const target = path.join(tmp, 'out');
    await writeTree(path.join(tmp, '.out.old-abc123'), OLD);
    await writeTree(path.join(tmp, '.out.new-xyz789'), { 'dispatch-manifest.json': 'complete but never swapped in' });
    const seenDuringFill: Record<string, string>[] = [];

    await replaceDirectory(target, async (stage) => {
      seenDuringFill.push(await readTree(target));
      await writeTree(stage, NEW);
    });

    expect(seenDuringFill).toEqual([OLD]);
    expect(await readTree(target)).toEqual(NEW);
    expect(await listDir(tmp)).toEqual(['out']);
  });

  it('keeps the recovered old folder when the build after the recovery fails', async () => {
    const target = path.join(tmp, 'out');
    await writeTree(path.join(tmp, '.out.old-abc123'), OLD);
    const failure = new Error('analysis crashed');

    await expect(replaceDirectory(target, () => Promise.reject(failure))).rejects.toBe(failure);

    expect(await readTree(target)).toEqual(OLD);
    expect(await listDir(tmp)).toEqual(['out']);
  });

  it('removes the leftovers of a swap killed after both renames (or during a fill)', async () => {
    const target = path.join(tmp, 'out');
    await writeTree(target, OLD);
    await writeTree(path.join(tmp, '.out.old-abc123'), { 'dispatch-manifest.json': 'older still' });
    await writeTree(path.join(tmp, '.out.new-xyz789'), { 'dispatch-manifest.json': 'half written' });
    const seenDuringFill: Record<string, string>[] = [];

    await replaceDirectory(target, async (stage) => {
      seenDuringFill.push(await readTree(target));
      await writeTree(stage, NEW);
    });

    expect(seenDuringFill).toEqual([OLD]);
    expect(await readTree(target)).toEqual(NEW);
    expect(await listDir(tmp)).toEqual(['out']);
  });
});
