import type { SourceAnalysis } from '../model';
import { VERSION } from '../base/version';

export const ANALYSIS_SCHEMA_VERSION = 1;

/** What an analysis is valid for: the same aggregator, catalog and config. */
export interface AnalysisKey {
  aggregatorVersion: string;
  catalogHash: string;
  configHash: string;
}

export interface AnalysisFile extends AnalysisKey {
  schemaVersion: typeof ANALYSIS_SCHEMA_VERSION;
  analysis: SourceAnalysis;
}

/** `<package>/dist/velo-events/analysis.json`, the output of the Nx analysis target. */
export function renderAnalysis(analysis: SourceAnalysis, key: Omit<AnalysisKey, 'aggregatorVersion'>): string {
  const file: AnalysisFile = { schemaVersion: ANALYSIS_SCHEMA_VERSION, aggregatorVersion: VERSION, ...key, analysis };
  return `${JSON.stringify(file, null, 2)}\n`;
}
