import type { Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../base/errors';
import { isPresent } from '../fs/is-present';
import { parseJsonText } from '../base/parse-json-text';
import { readRegularFileTextSync, readSmallFileSync, readSourceText } from '../fs/read-source';

/** A package.json as an object, not yet interpreted. */
export type PackageJson = Record<string, unknown>;

/**
 * Reads `<root>/<packageRoot>/package.json`; null when there is none. package.json files
 * are the user's configuration, so a broken one is a UsageError naming the file and, for
 * JSON syntax errors, the line and column.
 */
export async function readPackageJson(root: string, packageRoot: string): Promise<PackageJson | null> {
  const quick = readPackageJsonSync(root, packageRoot);
  if (quick !== undefined) return quick;
  const file = manifestPath(packageRoot);
  const source = await readSourceText(path.join(root, file));
  if (!source.ok) throw new UsageError(`${file}: ${source.reason}`);
  return parsePackageJson(file, source.text);
}

/**
 * The same without a promise for the usual case; undefined when the file is there but
 * could not be read at once (readPackageJson then finds out why).
 */
export function readPackageJsonSync(root: string, packageRoot: string, stats?: Stats): PackageJson | null | undefined {
  const file = manifestPath(packageRoot);
  const absPath = path.join(root, file);
  // With the stats the folder listing took, the file is known to be a regular one: no stat.
  const source = stats ? readRegularFileTextSync(absPath, stats) : readSmallFileSync(absPath);
  if (source === null) return isPresent(absPath) ? undefined : null;
  if (!source.ok) throw new UsageError(`${file}: ${source.reason}`);
  return parsePackageJson(file, source.text);
}

function manifestPath(packageRoot: string): string {
  return packageRoot === '.' ? 'package.json' : `${packageRoot}/package.json`;
}

function parsePackageJson(file: string, text: string): PackageJson {
  const json = parseJsonText(text);
  if (!json.ok) throw new UsageError(`${file}:${json.line}:${json.column}: invalid JSON: ${json.message}`);
  if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    throw new UsageError(`${file}: expected a JSON object at the top level`);
  }
  return json.value as PackageJson;
}
