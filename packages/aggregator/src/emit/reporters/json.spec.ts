import type { Report } from '../../model';
import { renderJson, writeJson } from './json';

function reportWith(sites: number): Report {
  return {
    schemaVersion: 1,
    root: '.',
    sites: Array.from({ length: sites }, (_, i) => ({
      name: `site-${i}`,
      root: `sites/site-${i}`,
      events: {
        wixCrm_onContactCreated: {
          module: 'wix-crm-backend',
          event: 'onContactCreated',
          handlers: [{ namespace: `site-${i}`, kind: 'site', export: 'wixCrm_onContactCreated', file: `sites/site-${i}/src/backend/events.js`, line: 1, column: 1, async: false }],
        },
      },
    })),
    diagnostics: [],
  } as Report;
}

describe('the JSON reporter', () => {
  it('is JSON.stringify with two spaces and a final newline', () => {
    const report = reportWith(3);
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('writes a small report in one write, and a large one in chunks that join to the same document', () => {
    const small: string[] = [];
    writeJson(reportWith(1), (chunk) => small.push(chunk));
    expect(small).toEqual([`${JSON.stringify(reportWith(1), null, 2)}\n`]);

    const large: string[] = [];
    writeJson(reportWith(2000), (chunk) => large.push(chunk));
    expect(large.length).toBeGreaterThan(1);
    expect(large.join('')).toBe(`${JSON.stringify(reportWith(2000), null, 2)}\n`);
    expect(Math.max(...large.map((chunk) => chunk.length))).toBeLessThan(40_000);
  });
});
