import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../../model';
import { CODES } from '../../validate/codes';
import { relativeUri, renderSarif } from './sarif';

const EMPTY: Report = { schemaVersion: 1, root: '.', sites: [], diagnostics: [] };

interface SarifRule {
  id: string;
  helpUri?: string;
  help: { text: string; markdown: string };
}

function driverOf(text: string): { informationUri?: string; rules: SarifRule[] } {
  return (JSON.parse(text) as { runs: { tool: { driver: { informationUri?: string; rules: SarifRule[] } } }[] }).runs[0]!.tool.driver;
}

describe('renderSarif: links only to what exists', () => {
  it('without a homepage: no informationUri and no helpUri; each rule carries its page as help', () => {
    const driver = driverOf(renderSarif(EMPTY, { homepage: undefined }));
    expect(Object.keys(driver)).toEqual(['name', 'version', 'rules']);
    expect(driver.rules.map((rule) => rule.id)).toEqual(Object.keys(CODES).map((code) => `velo-events/${code}`));
    for (const rule of driver.rules) expect(Object.keys(rule)).toEqual(['id', 'name', 'shortDescription', 'help', 'defaultConfiguration']);
    const readError = driver.rules.find((rule) => rule.id === 'velo-events/read-error')!;
    const page = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'rules', 'read-error.md'), 'utf8');
    // read-error.md links to unresolved-import.md, which resolves to nothing outside docs/rules/.
    expect(page).toContain('([unresolved-import](unresolved-import.md))');
    expect(readError.help).toEqual({ text: page.replace('[unresolved-import](unresolved-import.md)', 'unresolved-import'), markdown: readError.help.text });
    expect(readError.help.markdown.startsWith('# read-error\n\n**Default severity:** `error`\n')).toBe(true);
  });

  it("with a homepage: it is the informationUri and every rule's helpUri", () => {
    const driver = driverOf(renderSarif(EMPTY, { homepage: 'https://velo-events.example/docs' }));
    expect(driver.informationUri).toBe('https://velo-events.example/docs');
    expect(new Set(driver.rules.map((rule) => rule.helpUri))).toEqual(new Set(['https://velo-events.example/docs']));
  });

  it("reads the homepage from the package's own package.json, which names none", () => {
    expect(driverOf(renderSarif(EMPTY)).informationUri).toBeUndefined();
  });
});

describe('relativeUri (SARIF artifactLocation.uri)', () => {
  it.each([
    ['sites/shop/src/backend/events.js', 'sites/shop/src/backend/events.js'],
    ['sites/my shop/events.js', 'sites/my%20shop/events.js'],
    ['a:b/events.js', 'a%3Ab/events.js'],
    ['libs/100%/#1?/events.js', 'libs/100%25/%231%3F/events.js'],
    ['libs/a,b/ünï/events.js', 'libs/a%2Cb/%C3%BCn%C3%AF/events.js'],
  ])('%s → %s', (file, uri) => {
    expect(relativeUri(file)).toBe(uri);
  });
});
