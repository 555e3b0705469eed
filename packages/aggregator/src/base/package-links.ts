import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from './package-layout';

/**
 * The web addresses the aggregator's own package.json gives, each only when it names one:
 * output links to no page that does not exist (issue #24), so no address is made up here.
 */
export interface PackageLinks {
  /** `homepage`: SARIF's `informationUri` and each rule's `helpUri`. */
  homepage: string | undefined;
  /** `bugs` (a URL, or `{ "url": … }`): where an internal error asks to be reported. */
  bugs: string | undefined;
}

/** Read when asked for, not at load: only SARIF and an internal error need them. */
export function readPackageLinks(): PackageLinks {
  return packageLinksOf(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as unknown);
}

export function packageLinksOf(manifest: unknown): PackageLinks {
  const fields = isRecord(manifest) ? manifest : {};
  const bugs = isRecord(fields.bugs) ? fields.bugs.url : fields.bugs;
  return { homepage: webAddress(fields.homepage), bugs: webAddress(bugs) };
}

/** An http(s) URL; anything else (an e-mail address in `bugs`, a typo) is no link. */
function webAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
