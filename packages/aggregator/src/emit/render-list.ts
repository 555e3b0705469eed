import type { Report } from '../model';

/** `velo-events list`: per site, each event and its handlers in run order. */
export function renderList(report: Report): string {
  const lines: string[] = [];
  for (const site of report.sites) {
    if (lines.length > 0) lines.push('');
    lines.push(`${site.name} (${site.root})`);
    const names = Object.keys(site.events);
    if (names.length === 0) {
      lines.push('  no event handlers');
      continue;
    }
    for (const name of names) {
      const entry = site.events[name]!;
      lines.push(`  ${name}  ${entry.module ?? '(not in the Velo catalog)'}`);
      const width = Math.max(...entry.handlers.map((h) => h.namespace.length));
      entry.handlers.forEach((h, i) => {
        const where = `${h.file}:${h.line}:${h.column}`;
        lines.push(`    ${i + 1}. ${h.namespace.padEnd(width)}  ${where}${h.async ? '  async' : ''}`);
      });
    }
  }
  if (report.sites.length === 0) lines.push('no sites found (a site is a workspace package with wix.config.json; a Wix CLI app is not one)');
  return `${lines.join('\n')}\n`;
}
