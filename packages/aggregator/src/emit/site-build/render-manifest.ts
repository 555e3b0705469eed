import type { SiteAggregation } from '../../aggregate';
import { VERSION } from '../../base/version';

export const MANIFEST_FILE = 'dispatch-manifest.json';

/**
 * `dispatch-manifest.json` (shared/SPEC.md §7): the site's entry of the JSON report, its
 * diagnostics and a content hash of every source, with no timestamp or absolute path so
 * the same workspace always gives the same bytes. Schema: schema/dispatch-manifest.schema.json.
 */
export function renderManifest(site: SiteAggregation): string {
  const manifest = {
    schemaVersion: 1,
    generator: { name: 'velo-events', version: VERSION },
    name: site.report.name,
    root: site.report.root,
    events: site.report.events,
    diagnostics: site.diagnostics,
    sources: site.sources,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
