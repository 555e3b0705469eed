import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sameFile } from './compile-cache';

describe('sameFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'velo-events-compile-cache-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is true for the file as stamped, false once it is written again (same bytes), or gone', async () => {
    const file = path.join(folder, 'bundle.js');
    writeFileSync(file, 'exports.a = 1;\n');
    const { size, ctimeMs } = statSync(file);
    expect(sameFile([size, ctimeMs], file)).toBe(true);
    expect(sameFile([size + 1, ctimeMs], file)).toBe(false);
    // The kernel's file times move by clock ticks: let one pass before writing again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(file, 'exports.a = 1;\n');
    expect(sameFile([size, ctimeMs], file)).toBe(false);
    rmSync(file);
    expect(sameFile([size, ctimeMs], file)).toBe(false);
  });
});
