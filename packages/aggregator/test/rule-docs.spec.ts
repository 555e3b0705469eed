import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { rulePageFile } from '../src/emit/read-rule-page';
import { ALL_CODES, rulePagePath } from '../src/validate/codes';

const DOCS = path.join(__dirname, '..', 'docs', 'rules');

describe('docs/rules: one page per diagnostic code, which velo-events explain prints', () => {
  it.each(ALL_CODES)('%s has docs/rules/%s.md titled with the code, where rulePageFile finds it', (code) => {
    const text = readFileSync(path.join(DOCS, `${code}.md`), 'utf8');
    expect(text.split('\n')[0]).toBe(`# ${code}`);
    expect(rulePagePath(code)).toBe(`docs/rules/${code}.md`);
    expect(rulePageFile(code)).toBe(path.join(DOCS, `${code}.md`));
  });

  it('ships with the package (package.json "files")', () => {
    const manifest = JSON.parse(readFileSync(path.join(DOCS, '..', '..', 'package.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('docs');
  });

  it('has no page for a code that does not exist, and the index links every page', () => {
    const pages = readdirSync(DOCS).filter((f) => f !== 'README.md').sort();
    expect(pages).toEqual(ALL_CODES.map((code) => `${code}.md`));
    const index = readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    for (const code of ALL_CODES) expect(index).toContain(`[${code}](${code}.md)`);
  });
});
