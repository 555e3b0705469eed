import Ajv, { type AnySchemaObject, type ValidateFunction } from 'ajv';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ALL_CODES } from '../src/validate/codes';
import { copyFixture, listTree, REPO_ROOT, removeTempDirs, runCli, tempDir } from './build-fixture';

const SCHEMA_PATH = path.join(__dirname, '..', 'schema', 'dispatch-manifest.schema.json');

let validate: ValidateFunction;

beforeAll(async () => {
  const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8')) as AnySchemaObject;
  validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
});

// Each case builds workspaces (and starts Node processes).
jest.setTimeout(30_000);

afterAll(removeTempDirs);

async function readManifest(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** The manifest paths below `dir`, relative to it. */
async function manifestsBelow(dir: string): Promise<string[]> {
  return (await listTree(dir)).filter((file) => file.endsWith('/dispatch-manifest.json') || file === 'dispatch-manifest.json');
}

function expectValid(manifest: unknown): void {
  const valid = validate(manifest);
  // On failure, the errors say why; on success they are null.
  expect(validate.errors ?? null).toBeNull();
  expect(valid).toBe(true);
}

/** Each fixture workspace with the manifests `build` writes there (none when every site is refused). */
const WORKSPACES: ReadonlyArray<readonly [string, string[]]> = [
  ['aggregate/bare-star-in-helper', ['sites/vendor-site/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/broken-links', ['sites/links/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/code-point-order', ['site/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/config-rules-catalog', ['sites/widgets/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/diamond-mixed-paths', ['sites/diamond/dist/velo-events/dispatch-manifest.json']],
  [
    'aggregate/duplicate-export',
    ['sites/once/dist/velo-events/dispatch-manifest.json', 'sites/twice/dist/velo-events/dispatch-manifest.json'],
  ],
  ['aggregate/export-forms', ['packages/shop/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/handler-names', ['sites/names/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/module-early-errors', ['sites/typed/dist/velo-events/dispatch-manifest.json']],
  // Two packages with one namespace: the site is not built.
  ['aggregate/namespace-collision', []],
  ['aggregate/not-a-function', ['sites/values/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/pnpm-workspace', ['apps/web/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/reexport-chains', ['sites/chains/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/shared-and-order', ['sites/shop/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/single-site-repo', ['dist/velo-events/dispatch-manifest.json']],
  ['aggregate/unreadable-files', ['sites/storefront/dist/velo-events/dispatch-manifest.json']],
  ['aggregate/unsupported-forms', ['sites/legacy-shop/dist/velo-events/dispatch-manifest.json']],
  [
    'aggregate/workspace-membership',
    [
      'sites/blog/dist/velo-events/dispatch-manifest.json',
      'sites/landing/dist/velo-events/dispatch-manifest.json',
      'sites/shop/dist/velo-events/dispatch-manifest.json',
    ],
  ],
  // sites/shop depends on two packages whose identifiers collide, so only blog is built.
  ['cli/every-code', ['sites/blog/dist/velo-events/dispatch-manifest.json']],
  ['cli/shop', ['sites/store/dist/velo-events/dispatch-manifest.json']],
  ['build/dispatch-order', ['sites/shop/dist/velo-events/dispatch-manifest.json']],
  ['build/strange-names', ['sites/shop/dist/velo-events/dispatch-manifest.json']],
];

describe('schema/dispatch-manifest.schema.json', () => {
  it('is a draft-07 schema that ajv compiles in strict mode', async () => {
    const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(typeof validate).toBe('function');
  });

  it('lists exactly the diagnostic codes of src/validate/codes.ts', async () => {
    const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8')) as {
      definitions: { diagnostic: { properties: { code: { enum: string[] } } } };
    };
    expect([...schema.definitions.diagnostic.properties.code.enum].sort()).toEqual([...ALL_CODES].sort());
  });

  it('accepts the manifest of packages/site-fixture built from the repository root', async () => {
    const out = await tempDir('schema-repo');
    const result = await runCli('build', '--root', REPO_ROOT, '--site', 'site-fixture', '--out', out);
    expect(result.code).toBe(0);
    expect(await manifestsBelow(out)).toEqual(['site_fixture/dispatch-manifest.json']);
    expectValid(await readManifest(path.join(out, 'site_fixture', 'dispatch-manifest.json')));
  });

  it.each(WORKSPACES)('accepts every manifest built from a copy of %s', async (name, expected) => {
    const root = await copyFixture(name);
    if (name === 'aggregate/unreadable-files') {
      // As in aggregate-read-errors.spec.ts: files git cannot hold as text give read-errors.
      await writeFile(path.join(root, 'packages/binary/backend/events.js'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]));
      await writeFile(
        path.join(root, 'packages/latin1/backend/events.js'),
        Buffer.from("export function wixCrm_onContactUpdated(event) { return 'Gr\u00fc\u00dfe'; }\n", 'latin1'),
      );
    }
    const result = await runCli('build', '--root', root);
    expect(result.stderr).toBe('');
    expect(await manifestsBelow(root)).toEqual(expected);
    for (const file of expected) expectValid(await readManifest(path.join(root, file)));
  });

  it("holds the same site entry as `check --format json` (the manifest is the report's site plus its diagnostics)", async () => {
    const root = await copyFixture('cli/shop');
    const report = JSON.parse((await runCli('check', '--root', root, '--format', 'json')).stdout) as {
      sites: { name: string; root: string; events: unknown }[];
      diagnostics: unknown[];
    };
    await runCli('build', '--root', root);
    const manifest = (await readManifest(path.join(root, 'sites/store/dist/velo-events/dispatch-manifest.json'))) as Record<
      string,
      unknown
    >;
    const [site] = report.sites;
    expect({ name: manifest['name'], root: manifest['root'], events: manifest['events'] }).toEqual(site);
    expect(manifest['diagnostics']).toEqual(report.diagnostics);
  });
});

describe('schema/dispatch-manifest.schema.json rejects what render-manifest.ts never writes', () => {
  let valid: Record<string, unknown>;

  beforeAll(async () => {
    const root = await copyFixture('cli/shop');
    await runCli('build', '--root', root);
    valid = (await readManifest(path.join(root, 'sites/store/dist/velo-events/dispatch-manifest.json'))) as Record<
      string,
      unknown
    >;
  });

  /** A deep copy of the valid manifest changed by `change`. */
  function changed(change: (manifest: ManifestShape) => void): unknown {
    const copy = JSON.parse(JSON.stringify(valid)) as ManifestShape;
    change(copy);
    return copy;
  }

  interface ManifestShape {
    [key: string]: unknown;
    generator: Record<string, unknown>;
    events: Record<string, { handlers: Record<string, unknown>[]; [key: string]: unknown }>;
    diagnostics: Record<string, unknown>[];
    sources: Record<string, unknown>[];
  }

  it('accepts the unchanged manifest', () => {
    expectValid(valid);
  });

  it.each<[string, (manifest: ManifestShape) => void, string, string]>([
    ['an extra top-level key', (m) => (m['builtAt'] = '2024-01-01'), '', 'must NOT have additional properties'],
    ['an extra generator key', (m) => (m.generator['path'] = '/tmp'), '/generator', 'must NOT have additional properties'],
    [
      'an extra handler key',
      (m) => (m.events['wixBilling_onInvoicePaid']!.handlers[0]!['local'] = 'x'),
      '/events/wixBilling_onInvoicePaid/handlers/0',
      'must NOT have additional properties',
    ],
    ['a 63-digit sha256', (m) => (m.sources[0]!['sha256'] = 'a'.repeat(63)), '/sources/0/sha256', 'must match pattern "^[0-9a-f]{64}$"'],
    ['an uppercase sha256', (m) => (m.sources[0]!['sha256'] = 'A'.repeat(64)), '/sources/0/sha256', 'must match pattern "^[0-9a-f]{64}$"'],
    ['schemaVersion 2', (m) => (m['schemaVersion'] = 2), '/schemaVersion', 'must be equal to constant'],
    ['line 0', (m) => (m.diagnostics[0]!['line'] = 0), '/diagnostics/0/line', 'must be >= 1'],
    ['an unknown code', (m) => (m.diagnostics[0]!['code'] = 'no-such-code'), '/diagnostics/0/code', 'must be equal to one of the allowed values'],
    ['a missing severity', (m) => delete m.diagnostics[0]!['severity'], '/diagnostics/0', "must have required property 'severity'"],
    [
      'an event key that is not handler-shaped',
      (m) => (m.events['helper'] = m.events['wixBilling_onInvoicePaid']!),
      '/events',
      'must match pattern "^[a-z][A-Za-z0-9]*_on[A-Z][A-Za-z0-9]*$"',
    ],
    ['a kind other than site or package', (m) => (m.events['wixBilling_onInvoicePaid']!.handlers[0]!['kind'] = 'npm'), '/events/wixBilling_onInvoicePaid/handlers/0/kind', 'must be equal to one of the allowed values'],
  ])('rejects %s', (_label, change, instancePath, message) => {
    expect(validate(changed(change))).toBe(false);
    expect((validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: e.message }))).toContainEqual({
      instancePath,
      message,
    });
  });
});
