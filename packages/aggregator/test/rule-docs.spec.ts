import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CODES, docUrl } from '../src/validate/codes';

const DOCS = path.join(__dirname, '..', 'docs', 'rules');

describe('docs/rules: one page per diagnostic code, where every report links', () => {
  it.each(ALL_CODES)('%s has docs/rules/%s.md titled with the code, and docUrl points at it', (code) => {
    const text = readFileSync(path.join(DOCS, `${code}.md`), 'utf8');
    expect(text.split('\n')[0]).toBe(`# ${code}`);
    expect(docUrl(code).endsWith(`/packages/aggregator/docs/rules/${code}.md`)).toBe(true);
  });

  it('has no page for a code that does not exist, and the index links every page', () => {
    const pages = readdirSync(DOCS).filter((f) => f !== 'README.md').sort();
    expect(pages).toEqual(ALL_CODES.map((code) => `${code}.md`));
    const index = readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    for (const code of ALL_CODES) expect(index).toContain(`[${code}](${code}.md)`);
  });
});
