import { UsageError } from '../base/errors';
import { documentedSample, loadSite, unknownEventMessage } from '../testing/load-site';

export interface SampleOptions {
  root: string;
  site?: string;
}

/**
 * `velo-events sample`: the sample event `trigger` uses without `--payload`, as JSON to save
 * and edit. With `--site`, the site must handle the event (trigger's did-you-mean otherwise).
 */
export async function printSampleEvent(handler: string, options: SampleOptions): Promise<string> {
  if (options.site !== undefined) {
    const site = await loadSite({ root: options.root, site: options.site });
    if (!site.events.includes(handler)) throw new UsageError(unknownEventMessage(handler, site.name, site.events));
  }
  return `${JSON.stringify(documentedSample(handler), null, 2)}\n`;
}
