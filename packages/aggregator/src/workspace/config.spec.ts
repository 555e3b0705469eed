import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../base/errors';
import { ALL_CODES } from '../validate/codes';
import { loadConfig } from './config';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'workspace');
const SCHEMA = path.join(__dirname, '..', '..', 'schema', 'velo-events.config.schema.json');

async function usageErrorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('loadConfig', () => {
  it('reads every key and fills prefix, event and deprecated of catalog entries from the handler name', async () => {
    expect(await loadConfig(path.join(FIXTURES, 'config-valid-full'))).toEqual({
      sites: ['apps/*'],
      packages: ['libs/**', '!libs/legacy'],
      order: ['@acme/audit', '@acme/billing'],
      rules: { 'non-handler-export': 'off', 'handler-arity': 'error', 'shared-event': 'info' },
      stubs: 'test/stubs',
      catalog: [
        {
          handler: 'wixLoyalty_onPointsExpired',
          module: 'wix-loyalty-backend',
          prefix: 'wixLoyalty',
          event: 'onPointsExpired',
          deprecated: false,
          source: 'https://dev.wix.com/docs/velo/apis/wix-loyalty-backend/events',
        },
        {
          handler: 'wixStores_onLegacySync',
          module: 'wix-stores-backend',
          prefix: 'wixStores',
          event: 'onLegacySync',
          deprecated: 'Removed from the docs in 2023.',
          replacement: 'wixStores_onProductUpdated',
          alternateHandlers: ['wixStoresBackend_onLegacySync'],
        },
      ],
    });
  });

  it('gives the defaults when there is no config file', async () => {
    expect(await loadConfig(path.join(FIXTURES, 'single-site-repo'))).toEqual({
      sites: null,
      packages: null,
      order: [],
      rules: {},
      catalog: [],
      stubs: null,
    });
  });

  it('keeps sites and packages globs that lead outside the root as written: discovery reports them (outside-root-pattern)', async () => {
    expect((await loadConfig(path.join(FIXTURES, 'config-outside-root'))).packages).toEqual(['libs/*', '../shared/*']);
  });

  it('gives the defaults for an empty object', async () => {
    expect(await loadConfig(path.join(FIXTURES, 'config-empty-object'))).toEqual({
      sites: null,
      packages: null,
      order: [],
      rules: {},
      catalog: [],
      stubs: null,
    });
  });

  it.each([
    ['config-invalid-json', `velo-events.config.json:3:17: invalid JSON: expected , or ], found '"'`],
    [
      'config-unknown-rule',
      'velo-events.config.json: /rules/unknown-modul: unknown rule; expected one of deprecated-event, duplicate-export, event-field, handler-arity, ignored-events-file, misplaced-hook, namespace-collision, non-handler-export, not-a-function, orphan-package, outside-root-pattern, parse-error, read-error, sdk-registration, shared-event, unknown-event, unknown-module, unresolved-import, unsupported-export',
    ],
    [
      'config-bad-severity',
      'velo-events.config.json: /rules/handler-arity: expected one of error, warning, info, off; got "fatal"',
    ],
    [
      'config-bad-handler',
      'velo-events.config.json: /catalog/0/handler: expected a handler name <prefix>_on<Event>, like wixBilling_onInvoicePaid; got "wixLoyalty_pointsExpired"',
    ],
    [
      'config-unknown-key',
      'velo-events.config.json: /site: unknown key; expected one of $schema, catalog, order, packages, rules, sites, stubs',
    ],
    [
      'config-duplicate-handler',
      'velo-events.config.json: /catalog/2/handler: "wixA_onB" is listed twice (also at /catalog/0/handler)',
    ],
    [
      'config-bad-deprecated',
      'velo-events.config.json: /catalog/0/deprecated: expected false, or the text that says why the event is deprecated; got true',
    ],
    [
      'config-missing-module',
      'velo-events.config.json: /catalog/0: missing key "module"; expected an object with handler and module (and optionally deprecated, replacement, alternateHandlers, source)',
    ],
    ['config-duplicate-order', 'velo-events.config.json: /order/2: "a" is listed twice (also at /order/0)'],
    [
      'config-absolute-glob',
      'velo-events.config.json: /sites/0: expected a glob of package roots relative to the workspace root, with / separators (e.g. "apps/*"); got "/home/me/site"',
    ],
    [
      'config-not-an-object',
      'velo-events.config.json: expected an object with any of the keys sites, packages, order, rules, catalog; got an array',
    ],
  ])('%s is a usage error', async (fixture, message) => {
    expect(await usageErrorOf(loadConfig(path.join(FIXTURES, fixture)))).toBe(message);
  });

  it('a config path that is a folder is a usage error', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'velo-events-config-'));
    try {
      await mkdir(path.join(root, 'velo-events.config.json'));
      expect(await usageErrorOf(loadConfig(root))).toBe('velo-events.config.json: is a directory');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('accepts a UTF-8 BOM before the JSON', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'velo-events-config-'));
    try {
      await writeFile(path.join(root, 'velo-events.config.json'), '\uFEFF{ "order": ["a"] }');
      expect(await loadConfig(root)).toEqual({ sites: null, packages: null, order: ['a'], rules: {}, catalog: [], stubs: null });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('velo-events.config.schema.json', () => {
  it('lists exactly the diagnostic codes as rules', async () => {
    const schema = JSON.parse(await readFile(SCHEMA, 'utf8')) as { properties: { rules: { properties: object } } };
    expect(Object.keys(schema.properties.rules.properties)).toEqual([...ALL_CODES]);
  });
});
