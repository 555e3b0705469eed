import type { SourceHandler, WorkspacePackage } from '../model';

/** A site or Velo package with its events file analyzed. */
export interface AnalyzedSource {
  pkg: WorkspacePackage;
  handlers: SourceHandler[];
}
