import path from 'node:path';
import { UsageError } from '../errors';
import { isPresent } from './is-present';
import { parseJsonText } from './parse-json-text';
import { readSourceText, readSmallFileSync } from './read-source';

/** A package.json as an object, not yet interpreted. */
export type PackageJson = Record<string, unknown>;

/**
 * Reads `<root>/<packageRoot>/package.json`; null when there is none. package.json files
 * are the user's configuration, so a broken one is a UsageError naming the file and, for
 * JSON syntax errors, the line and column.
 */
export async function readPackageJson(root: string, packageRoot: string): Promise<PackageJson | null> {
  const file = packageRoot === '.' ? 'package.json' : `${packageRoot}/package.json`;
  const absPath = path.join(root, file);
  if (!(await isPresent(absPath))) return null;

  const source = readSmallFileSync(absPath) ?? (await readSourceText(absPath));
  if (!source.ok) throw new UsageError(`${file}: ${source.reason}`);
  const json = parseJsonText(source.text);
  if (!json.ok) throw new UsageError(`${file}:${json.line}:${json.column}: invalid JSON: ${json.message}`);
  if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    throw new UsageError(`${file}: expected a JSON object at the top level`);
  }
  return json.value as PackageJson;
}
