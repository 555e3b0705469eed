import type { WorkspacePackage } from '../model';
import type { SourceHandler } from '../validate/validate-source';

/** A site or Velo package with its events file analyzed. */
export interface AnalyzedSource {
  pkg: WorkspacePackage;
  handlers: SourceHandler[];
}
