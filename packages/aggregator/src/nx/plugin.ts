import type { CreateNodes, CreateNodesResult } from '@nx/devkit';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT as AGGREGATOR_ROOT } from '../base/package-layout';
import { loadConfig } from '../workspace/config';
import { discoverWorkspace } from '../workspace/workspace';
import { inferTargets, type AggregatorLocation } from './infer-targets';

/**
 * The Nx plugin (register `@velo-events/aggregator/nx` or this file in nx.json
 * `plugins`): infers the velo-events targets from the same workspace model the CLI uses,
 * so there is no hand-written target in any project. Discovery reads only package.json,
 * wix.config.json and the presence of events.js; user code is never run.
 */
export const createNodes: CreateNodes = [
  '**/package.json',
  async (configFiles, _options, context): Promise<Array<readonly [string, CreateNodesResult]>> => {
    const root = context.workspaceRoot;
    const packages = await discoverWorkspace(root, await loadConfig(root));
    const byRoot = new Map(packages.map((pkg) => [pkg.root, pkg]));
    const aggregator = locateAggregator(root);
    const results: Array<readonly [string, CreateNodesResult]> = [];
    for (const file of configFiles) {
      const projectRoot = path.posix.dirname(file);
      const pkg = byRoot.get(projectRoot);
      if (pkg) results.push([file, { projects: { [projectRoot]: inferTargets(pkg, aggregator) } }]);
    }
    return results;
  },
];

/**
 * Inside this repository the aggregator is a workspace project: its sources are the
 * version, and its build must run first. Installed from npm, its package version is.
 */
export function locateAggregator(workspaceRoot: string): AggregatorLocation {
  const relativeRoot = path.relative(workspaceRoot, AGGREGATOR_ROOT).split(path.sep).join('/');
  const bin = `${relativeRoot}/bin/velo-events.cjs`;
  const inWorkspace = !relativeRoot.startsWith('..') && !relativeRoot.split('/').includes('node_modules');
  if (!inWorkspace) {
    // A runtime input, not externalDependencies: it works whether or not the lock file
    // lists the package (a linked or globally installed aggregator has no external node).
    return { bin, inputs: [{ runtime: `node ${bin} --version` }], project: null };
  }
  return {
    bin,
    inputs: ['src', 'catalog', 'runtime', 'bin'].map((folder) => `{workspaceRoot}/${relativeRoot}/${folder}/**/*`),
    project: (JSON.parse(readFileSync(path.join(AGGREGATOR_ROOT, 'package.json'), 'utf8')) as { name: string }).name,
  };
}
