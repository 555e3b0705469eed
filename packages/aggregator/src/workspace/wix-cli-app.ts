import * as path from 'node:path';
import { parseJsonText } from '../base/parse-json-text';
import { readSmallFileSync } from '../fs/read-source';
import type { WorkspacePackage } from '../model';

/** What in a wix.config.json says the project is a Wix CLI app. */
export type WixCliAppMarker = NonNullable<WorkspacePackage['wixCliApp']>;

/**
 * What marks the project at `packageRoot` as a Wix CLI app rather than a site, when its
 * wix.config.json does (shared/SPEC.md §2): an `appId`, or `"projectType": "App"`; a site's
 * has a `siteId`. Velo's events.js handlers do not run in an app (apps handle events with
 * event extensions), so an app is not a site whatever files it holds. null for a site, and
 * for a wix.config.json that cannot be read or parsed: its presence alone marked a site
 * before, and Wix's tools, not velo-events, judge that file.
 */
export function wixCliAppMarker(root: string, packageRoot: string): WixCliAppMarker | null {
  const source = readSmallFileSync(path.join(root, packageRoot, 'wix.config.json'));
  if (source === null || !source.ok) return null;
  const json = parseJsonText(source.text);
  if (!json.ok || typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) return null;
  const { appId, projectType } = json.value as Record<string, unknown>;
  if (appId !== undefined && appId !== null && appId !== '') return 'appId';
  return projectType === 'App' ? 'projectType' : null;
}
