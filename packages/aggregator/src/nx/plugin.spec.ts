import type { CreateNodesContext } from '@nx/devkit';
import * as path from 'node:path';
import { createNodes, locateAggregator } from './plugin';

const WORKSPACE = path.join(__dirname, '..', '..', 'test', 'fixtures', 'nx', 'agency');

async function inferred(files: string[]): Promise<unknown> {
  const context: CreateNodesContext = { workspaceRoot: WORKSPACE, nxJsonConfiguration: {} };
  return Object.fromEntries(await createNodes[1](files, undefined, context));
}

describe('the Nx plugin', () => {
  const aggregator = locateAggregator(WORKSPACE);

  it('finds the aggregator from outside its workspace through its npm package', () => {
    expect(aggregator).toEqual({
      bin: expect.stringMatching(/^(\.\.\/)+bin\/velo-events\.cjs$/),
      inputs: [{ runtime: `node ${aggregator.bin} --version` }],
      project: null,
    });
  });

  it('infers an analysis target on each Velo package and a build target on each site, and only the named input elsewhere', async () => {
    const sources = (root: string, folder: string, otherLayout?: string) => ({
      veloEventsSources: [
        '{projectRoot}/package.json',
        `{projectRoot}/${folder}backend/**/*`,
        `{projectRoot}/${folder}public/**/*`,
        ...(otherLayout === undefined ? [] : [`{projectRoot}/${otherLayout}`]),
      ],
    });
    const analyze = (root: string) => ({
      command: `node ${aggregator.bin} analyze --root . --package ${root}`,
      options: { cwd: '{workspaceRoot}' },
      cache: true,
      inputs: ['veloEventsSources', '{workspaceRoot}/velo-events.config.json', { runtime: `node ${aggregator.bin} --version` }],
      outputs: ['{projectRoot}/dist/velo-events/analysis.json'],
      dependsOn: [],
      metadata: { description: 'Analyze this Velo package’s backend events.js (velo-events)' },
    });
    expect(
      await inferred([
        'package.json',
        'apps/shop/package.json',
        'libs/loyalty/package.json',
        'libs/reviews/package.json',
        'libs/utils/package.json',
      ]),
    ).toEqual({
      'apps/shop/package.json': {
        projects: {
          'apps/shop': {
            namedInputs: sources('apps/shop', 'src/'),
            targets: {
              'velo-events': {
                command: `node ${aggregator.bin} build --root . --site shop --from-analyses`,
                options: { cwd: '{workspaceRoot}' },
                cache: true,
                inputs: [
                  'veloEventsSources',
                  '{projectRoot}/wix.config.json',
                  '{projectRoot}/src/**/*',
                  '^veloEventsSources',
                  { dependentTasksOutputFiles: '**/dist/velo-events/analysis.json', transitive: true },
                  '{workspaceRoot}/velo-events.config.json',
                  { runtime: `node ${aggregator.bin} --version` },
                ],
                outputs: ['{projectRoot}/dist/velo-events'],
                dependsOn: ['^velo-events-analyze'],
                metadata: {
                  description: 'Merge this site’s events.js with its Velo packages’ and generate the dispatcher (velo-events)',
                },
              },
            },
          },
        },
      },
      'libs/loyalty/package.json': {
        projects: { 'libs/loyalty': { namedInputs: sources('libs/loyalty', '', 'src/backend/events.*'), targets: { 'velo-events-analyze': analyze('libs/loyalty') } } },
      },
      'libs/utils/package.json': {
        projects: { 'libs/utils': { namedInputs: { veloEventsSources: ['{projectRoot}/package.json'] }, targets: {} } },
      },
      'libs/reviews/package.json': {
        projects: {
          'libs/reviews': { namedInputs: sources('libs/reviews', 'src/', 'backend/events.*'), targets: { 'velo-events-analyze': analyze('libs/reviews') } },
        },
      },
    });
  });

  it('ignores package.json files that are not workspace packages', async () => {
    expect(await inferred(['node_modules/x/package.json', 'apps/other/package.json'])).toEqual({});
  });

  it('inside this repository, depends on the aggregator build and hashes its sources', () => {
    const repoRoot = path.join(__dirname, '..', '..', '..', '..');
    expect(locateAggregator(repoRoot)).toEqual({
      bin: 'packages/aggregator/bin/velo-events.cjs',
      inputs: [
        '{workspaceRoot}/packages/aggregator/src/**/*',
        '{workspaceRoot}/packages/aggregator/catalog/**/*',
        '{workspaceRoot}/packages/aggregator/runtime/**/*',
        '{workspaceRoot}/packages/aggregator/bin/**/*',
      ],
      project: '@velo-events/aggregator',
    });
  });
});
