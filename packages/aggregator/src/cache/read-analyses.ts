import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ANALYSIS_SCHEMA_VERSION, type AnalysisFile, type AnalysisKey } from './render-analysis';
import type { SourceAnalysis, WorkspacePackage } from '../model';
import { readSourceText } from '../fs/read-source';

export const ANALYSIS_FILE = path.join('dist', 'velo-events', 'analysis.json');

/**
 * The analyses the Nx analysis targets left in each package's `dist/velo-events/`. One is
 * used only when it was made by this aggregator with this catalog and config, and every
 * file it read still has the content it hashed; otherwise the package is analyzed again,
 * so a stale or hand-edited file can never change the result.
 */
export async function readAnalyses(
  root: string,
  packages: readonly WorkspacePackage[],
  key: AnalysisKey,
): Promise<Map<string, SourceAnalysis>> {
  const analyses = new Map<string, SourceAnalysis>();
  for (const pkg of packages) {
    if (pkg.kind !== 'package') continue;
    const analysis = await readAnalysis(root, pkg, key);
    if (analysis) analyses.set(pkg.root, analysis);
  }
  return analyses;
}

async function readAnalysis(root: string, pkg: WorkspacePackage, key: AnalysisKey): Promise<SourceAnalysis | null> {
  let file: AnalysisFile;
  try {
    file = JSON.parse(await readFile(path.join(root, pkg.root, ANALYSIS_FILE), 'utf8')) as AnalysisFile;
  } catch {
    return null;
  }
  const current =
    file.schemaVersion === ANALYSIS_SCHEMA_VERSION &&
    file.aggregatorVersion === key.aggregatorVersion &&
    file.catalogHash === key.catalogHash &&
    file.configHash === key.configHash &&
    file.analysis?.root === pkg.root &&
    Array.isArray(file.analysis.sources);
  if (!current) return null;
  for (const source of file.analysis.sources) {
    if (path.isAbsolute(source.file) || source.file.split('/').includes('..')) return null;
    const text = await readSourceText(path.join(root, source.file));
    if (!text.ok || createHash('sha256').update(text.text).digest('hex') !== source.sha256) return null;
  }
  return file.analysis;
}
