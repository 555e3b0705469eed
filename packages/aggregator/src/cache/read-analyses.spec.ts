import { cp, mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { catalogOf } from '../aggregate';
import { analyzeSources } from '../analyze-sources';
import { analyzePackage } from '../cli/analyze-package';
import { VERSION } from '../base/version';
import { configHash, loadConfig } from '../workspace/config';
import { readAnalyses } from './read-analyses';
import { discoverWorkspace } from '../workspace/workspace';

const FIXTURE = path.join(__dirname, '..', '..', 'test', 'fixtures', 'nx', 'agency');

describe('readAnalyses', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'velo-events-analyses-'));
    await cp(FIXTURE, root, { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function context() {
    const config = await loadConfig(root);
    const packages = await discoverWorkspace(root, config);
    const key = { aggregatorVersion: VERSION, catalogHash: catalogOf(config).hash, configHash: configHash(config) };
    return { config, packages, key };
  }

  it('returns what `velo-events analyze` wrote, identical to a fresh analysis, while its sources are unchanged', async () => {
    expect(await analyzePackage(root, 'libs/loyalty')).toBe('libs/loyalty/dist/velo-events/analysis.json');
    const { config, packages, key } = await context();
    const fresh = await analyzeSources(root, packages, packages.filter((p) => p.root === 'libs/loyalty'), catalogOf(config));
    expect(await readAnalyses(root, packages, key)).toEqual(fresh);
  });

  it('ignores an analysis whose source changed, or that another config or aggregator made', async () => {
    await analyzePackage(root, 'libs/loyalty');
    const { packages, key } = await context();
    expect(await readAnalyses(root, packages, { ...key, configHash: 'other' })).toEqual(new Map());
    expect(await readAnalyses(root, packages, { ...key, aggregatorVersion: '0.0.0' })).toEqual(new Map());
    await appendFile(path.join(root, 'libs/loyalty/backend/events.js'), '// edited\n');
    expect(await readAnalyses(root, packages, key)).toEqual(new Map());
  });

  it('ignores an analysis that names files outside the workspace', async () => {
    const file = path.join(root, await analyzePackage(root, 'libs/loyalty'));
    const written = JSON.parse(await readFile(file, 'utf8'));
    written.analysis.sources.push({ file: '../../etc/passwd', sha256: '0'.repeat(64) });
    await writeFile(file, JSON.stringify(written));
    const { packages, key } = await context();
    expect(await readAnalyses(root, packages, key)).toEqual(new Map());
  });

  it('refuses to analyze a folder that is not a Velo package', async () => {
    await expect(analyzePackage(root, 'libs/utils')).rejects.toThrow(
      'libs/utils is not a Velo package of this workspace (Velo packages: libs/loyalty, libs/reviews)',
    );
  });
});
