import type { Diagnostic, DiagnosticCode, Report, Severity } from '../../model';
import { CODES, docUrl, PROJECT_URL } from '../../validate/codes';
import { VERSION } from '../../base/version';
import { unsaidSuggestion } from './unsaid-suggestion';

/** The SARIF 2.1.0 schema as published on SchemaStore, which GitHub code scanning cites. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** `%SRCROOT%`: SARIF's conventional base for paths relative to the analyzed root. */
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** Rules in the order of shared/SPEC.md §4 (src/validate/codes.ts); results point at them by index. */
const RULE_CODES = Object.keys(CODES) as DiagnosticCode[];

/**
 * SARIF 2.1.0 (OASIS) for code-scanning tools: one run, one rule per diagnostic code, one
 * result per diagnostic. Deterministic: no timestamps, no absolute paths (locations are
 * relative to `%SRCROOT%`, the `--root` folder), the report's order.
 */
export function renderSarif(report: Report): string {
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'velo-events',
            version: VERSION,
            informationUri: PROJECT_URL,
            rules: RULE_CODES.map((code) => ({
              id: ruleId(code),
              name: code,
              shortDescription: { text: CODES[code].summary },
              helpUri: docUrl(code),
              help: {
                text: `${CODES[code].summary} See ${docUrl(code)}`,
                markdown: `${CODES[code].summary} See [${code}](${docUrl(code)}).`,
              },
              defaultConfiguration: { level: LEVEL[CODES[code].defaultSeverity] },
            })),
          },
        },
        // Our columns count UTF-16 code units (TypeScript's positions); SARIF's default
        // is Unicode code points, which differ after an astral character.
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.map(resultOf),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function resultOf(d: Diagnostic): object {
  const suggestion = unsaidSuggestion(d);
  return {
    ruleId: ruleId(d.code),
    ruleIndex: RULE_CODES.indexOf(d.code),
    level: LEVEL[d.severity],
    message: { text: suggestion === undefined ? d.message : `${d.message} Did you mean \`${suggestion}\`?` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(d.file), uriBaseId: SRCROOT },
          region: { startLine: d.line, startColumn: d.column },
        },
      },
    ],
  };
}

function ruleId(code: DiagnosticCode): string {
  return `velo-events/${code}`;
}

/**
 * A workspace-relative POSIX path as a relative URI reference: each segment
 * percent-encoded, so a space, `%`, `#`, `?` or a `:` in the first segment (which would
 * read as a scheme) stays part of the path.
 */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
