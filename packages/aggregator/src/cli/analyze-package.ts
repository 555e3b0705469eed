import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { catalogOf } from '../aggregate';
import { analyzeSources } from '../analyze-sources';
import { configHash, loadConfig } from '../workspace/config';
import { ANALYSIS_FILE } from '../cache/read-analyses';
import { discoverWorkspace } from '../workspace/workspace';
import { renderAnalysis } from '../cache/render-analysis';
import { UsageError } from '../base/errors';
import { writeFileAtomically } from '../fs/write-file-atomically';

/**
 * `velo-events analyze --package DIR`: the Nx analysis target of one Velo package. Writes
 * `<package>/dist/velo-events/analysis.json` (temp file + rename) and returns its path.
 */
export async function analyzePackage(rootOption: string, packageOption: string): Promise<string> {
  const root = path.resolve(rootOption);
  const packageRoot = path.relative(root, path.resolve(root, packageOption)).split(path.sep).join('/') || '.';
  const config = await loadConfig(root);
  const packages = await discoverWorkspace(root, config);
  const pkg = packages.find((p) => p.root === packageRoot);
  if (!pkg || pkg.kind !== 'package') {
    const known = packages.filter((p) => p.kind === 'package').map((p) => p.root).join(', ') || 'none';
    throw new UsageError(`${packageRoot} is not a Velo package of this workspace (Velo packages: ${known})`);
  }
  const catalog = catalogOf(config);
  const analysis = (await analyzeSources(root, packages, [pkg], catalog)).get(pkg.root)!;
  const target = path.join(root, pkg.root, ANALYSIS_FILE);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFileAtomically(target, renderAnalysis(analysis, { catalogHash: catalog.hash, configHash: configHash(config) }));
  return path.relative(root, target).split(path.sep).join('/');
}
