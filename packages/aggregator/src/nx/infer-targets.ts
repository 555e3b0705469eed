import type { TargetConfiguration } from '@nx/devkit';
import * as path from 'node:path';
import type { WorkspacePackage } from '../model';
import { shellWord } from './shell-word';

export const ANALYZE_TARGET = 'velo-events-analyze';
export const SITE_TARGET = 'velo-events';
export const SOURCES_INPUT = 'veloEventsSources';
export const ANALYSIS_OUTPUT = 'dist/velo-events/analysis.json';

/** How the targets reach the aggregator: its bin, and what its own version hashes as. */
export interface AggregatorLocation {
  /** The `velo-events` bin, relative to the workspace root (POSIX). */
  bin: string;
  /** Inputs that change when the aggregator changes (its files, or its npm package). */
  inputs: TargetConfiguration['inputs'];
  /** When the aggregator is a project of this workspace: its name (its build runs first). */
  project: string | null;
}

export interface InferredProject {
  namedInputs: Record<string, string[]>;
  targets: Record<string, TargetConfiguration>;
}

/**
 * The targets of shared/SPEC.md §6 for one workspace package: a cacheable analysis on
 * each Velo package (the map), a cacheable build on each site that merges its packages'
 * analyses (the reduce, after `^velo-events-analyze`). Exact inputs and outputs are what
 * let `nx affected`, the local and remote cache, and distributed runs do the rest.
 */
export function inferTargets(pkg: WorkspacePackage, aggregator: AggregatorLocation): InferredProject {
  // Every package defines the named input, so `^veloEventsSources` resolves through
  // packages in the middle of a dependency chain (site → utils → Velo package).
  if (pkg.kind === 'other') return { namedInputs: { [SOURCES_INPUT]: ['{projectRoot}/package.json'] }, targets: {} };
  const relativeSource = path.posix.relative(pkg.root === '.' ? '' : pkg.root, pkg.sourceRoot === '.' ? '' : pkg.sourceRoot);
  const sourceFolder = relativeSource === '' ? '' : `${relativeSource}/`;
  const shared = ['{workspaceRoot}/velo-events.config.json', ...(aggregator.inputs ?? [])];
  const afterAggregatorBuild = aggregator.project ? [{ projects: [aggregator.project], target: 'build' }] : [];
  const namedInputs = {
    [SOURCES_INPUT]: [
      '{projectRoot}/package.json',
      `{projectRoot}/${sourceFolder}backend/**/*`,
      `{projectRoot}/${sourceFolder}public/**/*`,
      // The events files of a Velo package's other layout are read too: an events.ts there is
      // reported (ignored-events-file) in the manifest of each site that depends on it.
      ...(pkg.kind === 'package' ? [`{projectRoot}/${sourceFolder === '' ? 'src/' : ''}backend/events.*`] : []),
    ],
  };

  if (pkg.kind === 'package') {
    return {
      namedInputs,
      targets: {
        [ANALYZE_TARGET]: {
          command: `node ${shellWord(aggregator.bin)} analyze --root . --package ${shellWord(pkg.root)}`,
          options: { cwd: '{workspaceRoot}' },
          cache: true,
          inputs: [SOURCES_INPUT, ...shared],
          outputs: [`{projectRoot}/${ANALYSIS_OUTPUT}`],
          dependsOn: afterAggregatorBuild,
          metadata: { description: 'Analyze this Velo package’s backend events.js (velo-events)' },
        },
      },
    };
  }

  return {
    namedInputs,
    targets: {
      [SITE_TARGET]: {
        command: `node ${shellWord(aggregator.bin)} build --root . --site ${shellWord(pkg.name)} --from-analyses`,
        options: { cwd: '{workspaceRoot}' },
        cache: true,
        inputs: [
          SOURCES_INPUT,
          '{projectRoot}/wix.config.json',
          '{projectRoot}/src/**/*',
          `^${SOURCES_INPUT}`,
          { dependentTasksOutputFiles: `**/${ANALYSIS_OUTPUT}`, transitive: true },
          ...shared,
        ],
        outputs: ['{projectRoot}/dist/velo-events'],
        dependsOn: [`^${ANALYZE_TARGET}`, ...afterAggregatorBuild],
        metadata: { description: 'Merge this site’s events.js with its Velo packages’ and generate the dispatcher (velo-events)' },
      },
    },
  };
}
