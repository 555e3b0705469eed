import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import { canonicalJson } from '../base/canonical-json';
import { UsageError } from '../base/errors';
import { isDiagnosticCode, type CatalogEntry, type DiagnosticCode, type RuleSetting } from '../model';
import { isPresent } from '../fs/is-present';
import { parseJsonText } from '../base/parse-json-text';
import { readSourceText } from '../fs/read-source';
import { PACKAGE_ROOT } from '../base/package-layout';

/** The workspace configuration with every optional key filled in. */
export interface VeloEventsConfig {
  /** Globs of package roots that are sites; null: sites are the folders with wix.config.json. */
  sites: string[] | null;
  /** Globs of package roots that may be Velo packages; null: any package with an events.js. */
  packages: string[] | null;
  /** Namespaces that run first (after the site's own handler), in this order. */
  order: string[];
  rules: Partial<Record<DiagnosticCode, RuleSetting>>;
  /** Catalog entries for events the built-in catalog lacks. */
  catalog: CatalogEntry[];
  /** Folder (relative to the workspace root) of stub modules for `wix-*` imports in trigger and tests. */
  stubs: string | null;
}

export const CONFIG_FILE_NAME = 'velo-events.config.json';

/** What the schema guarantees about the file (`schema/velo-events.config.schema.json`). */
interface ConfigFile {
  $schema?: string;
  sites?: string[];
  packages?: string[];
  order?: string[];
  rules?: Record<string, RuleSetting>;
  catalog?: ConfigCatalogEntry[];
  stubs?: string;
}

interface ConfigCatalogEntry {
  handler: string;
  module: string;
  deprecated?: false | string;
  replacement?: string;
  alternateHandlers?: string[];
  source?: string;
}

/**
 * Reads `<root>/velo-events.config.json`. No file means the defaults; a file that is not
 * valid JSON or does not match the schema is the user's mistake, so it is a UsageError
 * whose one-line message names the file and the place (line:column for syntax, JSON
 * pointer for schema errors).
 */
export async function loadConfig(root: string): Promise<VeloEventsConfig> {
  const configPath = path.join(root, CONFIG_FILE_NAME);
  if (!isPresent(configPath)) return defaultConfig();

  const source = await readSourceText(configPath);
  if (!source.ok) throw new UsageError(`${CONFIG_FILE_NAME}: ${source.reason}`);

  const json = parseJsonText(source.text);
  if (!json.ok) {
    throw new UsageError(`${CONFIG_FILE_NAME}:${json.line}:${json.column}: invalid JSON: ${json.message}`);
  }

  const validate = await configValidator();
  if (!validate(json.value)) {
    // ajv stops at the first error (allErrors is off); the last entry is the most general
    // one, e.g. the `anyOf` that sums up why each alternative failed.
    const errors = validate.errors ?? [];
    const error = errors[errors.length - 1];
    // Loaded only for a config that is wrong.
    const { describeSchemaError } = require('./describe-schema-error') as typeof import('./describe-schema-error');
    const detail = error === undefined ? 'does not match the schema' : describeSchemaError(error);
    throw new UsageError(`${CONFIG_FILE_NAME}: ${detail}`);
  }
  return toConfig(json.value);
}

function defaultConfig(): VeloEventsConfig {
  return { sites: null, packages: null, order: [], rules: {}, catalog: [], stubs: null };
}

function toConfig(file: ConfigFile): VeloEventsConfig {
  const rules: Partial<Record<DiagnosticCode, RuleSetting>> = {};
  for (const [code, setting] of Object.entries(file.rules ?? {})) {
    if (isDiagnosticCode(code)) rules[code] = setting; // the schema already rejects others
  }
  const catalog = file.catalog ?? [];
  rejectDuplicateHandlers(catalog);
  // Globs that lead outside the root are kept as written: discovery reports and leaves them
  // out (outside-root-pattern), as it does for the workspace's own globs.
  return {
    sites: file.sites ?? null,
    packages: file.packages ?? null,
    order: file.order ?? [],
    rules,
    catalog: catalog.map(toCatalogEntry),
    stubs: file.stubs ?? null,
  };
}

// JSON Schema cannot say "unique by one property"; two entries for one handler would leave
// it to chance which module or deprecation text wins.
function rejectDuplicateHandlers(entries: ConfigCatalogEntry[]): void {
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const earlier = firstIndex.get(entry.handler);
    if (earlier !== undefined) {
      throw new UsageError(
        `${CONFIG_FILE_NAME}: /catalog/${index}/handler: "${entry.handler}" is listed twice (also at /catalog/${earlier}/handler)`,
      );
    }
    firstIndex.set(entry.handler, index);
  });
}

function toCatalogEntry(entry: ConfigCatalogEntry): CatalogEntry {
  // The schema pattern guarantees exactly the shape <prefix>_on<Event>, so the first
  // underscore separates the two (shared/velo/FACTS.md §0: the prefix is not derivable
  // from the module, only from the handler name).
  const underscore = entry.handler.indexOf('_');
  return {
    handler: entry.handler,
    module: entry.module,
    prefix: entry.handler.slice(0, underscore),
    event: entry.handler.slice(underscore + 1),
    deprecated: entry.deprecated ?? false,
    ...(entry.replacement === undefined ? {} : { replacement: entry.replacement }),
    ...(entry.alternateHandlers === undefined ? {} : { alternateHandlers: entry.alternateHandlers }),
    ...(entry.source === undefined ? {} : { source: entry.source }),
  };
}

// Compiling costs a few milliseconds; do it once per process, and only when a config
// file exists.
let compiledValidator: Promise<ValidateFunction<ConfigFile>> | undefined;

function configValidator(): Promise<ValidateFunction<ConfigFile>> {
  compiledValidator ??= compileConfigValidator();
  return compiledValidator;
}

async function compileConfigValidator(): Promise<ValidateFunction<ConfigFile>> {
  const schemaPath = path.join(PACKAGE_ROOT, 'schema', 'velo-events.config.schema.json');
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as AnySchemaObject;
  // verbose: errors carry the failing schema node (for its description) and the value.
  // Loaded here, not at the top: ajv costs ~50 ms to load, and most workspaces have no config.
  const { default: Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
  return ajv.compile<ConfigFile>(schema);
}

/**
 * Identifies the config an analysis was made with (key order does not matter). node:crypto
 * is loaded here: a warm check, which compares `canonicalJson(config)` itself, never needs it.
 */
export function configHash(config: VeloEventsConfig): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}
