import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSourceFrames } from './source-frames';

describe('createSourceFrames', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'velo-events-frames-'));
    await writeFile(path.join(root, 'crlf.js'), 'const a = 1;\r\nexport const b = 2;\r\n');
    await writeFile(path.join(root, 'bom.js'), '\ufeffexport const x = 1;\n');
    await writeFile(path.join(root, 'tabs.js'), '\texport\tconst x = 1;\n');
    await writeFile(path.join(root, 'controls.js'), "export const x = '\u001b[2J\u0007\u202e';\n");
    await writeFile(path.join(root, 'long.js'), `export const x = [${'1, '.repeat(100)}wixEcom_onOrderApproved, ${'2, '.repeat(100)}];\n`);
    await writeFile(path.join(root, 'binary.js'), Buffer.from([0x65, 0x78, 0x00, 0xff]));
    await writeFile(path.join(root, 'latin1.js'), Buffer.from('export const caf\xe9 = 1;\n', 'latin1'));
    await mkdir(path.join(root, 'folder.js'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const frame = (file: string, line: number, column: number) => createSourceFrames(root, false)({ file, line, column });

  it('shows the one line with a marker under the column', () => {
    expect(frame('crlf.js', 2, 14)).toBe(['> 2 | export const b = 2;', '    |              ^'].join('\n'));
  });

  it('reads the text as the analyzer did: without the BOM', () => {
    expect(frame('bom.js', 1, 14)).toBe(['> 1 | export const x = 1;', '    |              ^'].join('\n'));
  });

  it('keeps tabs in the marker line so it lines up', () => {
    expect(frame('tabs.js', 1, 9)).toBe(['> 1 | \texport\tconst x = 1;', '    | \t      \t^'].join('\n'));
  });

  it('shows control and bidirectional characters as one visible character each', () => {
    expect(frame('controls.js', 1, 18)).toBe(["> 1 | export const x = '␛[2J␇\ufffd';", '    |                  ^'].join('\n'));
  });

  it('cuts a long line to a window around the column', () => {
    const column = 'export const x = ['.length + '1, '.repeat(100).length + 1;
    const shown = frame('long.js', 1, column)!;
    const [code, marker] = shown.split('\n');
    expect(code).toBe(`> 1 | …${'1, '.repeat(100).slice(-40)}wixEcom_onOrderApproved, ${'2, '.repeat(100).slice(0, 120 - 40 - 25)}…`);
    expect(marker).toBe(`    | ${' '.repeat(41)}^`);
  });

  it.each([
    ['a file that is gone', 'missing.js', 1],
    ['a binary file', 'binary.js', 1],
    ['a file that is not UTF-8', 'latin1.js', 1],
    ['a folder', 'folder.js', 1],
    ['a line past the end', 'crlf.js', 9],
  ])('no frame for %s', (_, file, line) => {
    expect(frame(file, line, 1)).toBeNull();
  });

  it('highlights with colors when asked', () => {
    expect(createSourceFrames(root, true)({ file: 'bom.js', line: 1, column: 1 })).toContain('\u001b[36mexport\u001b[39m');
  });
});
