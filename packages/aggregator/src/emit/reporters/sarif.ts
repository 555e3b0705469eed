import type { Diagnostic, DiagnosticCode, Report, Severity } from '../../model';
import { CODES } from '../../validate/codes';
import { readPackageLinks } from '../../base/package-links';
import { VERSION } from '../../base/version';
import { readRulePage } from '../read-rule-page';
import { unlinkRulePages } from '../render-rule-page';
import { unsaidSuggestion } from './unsaid-suggestion';

/** The SARIF 2.1.0 schema as published on SchemaStore, which GitHub code scanning cites. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** `%SRCROOT%`: SARIF's conventional base for paths relative to the analyzed root. */
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** Rules in the order of shared/SPEC.md §4 (src/validate/codes.ts); results point at them by index. */
const RULE_CODES = Object.keys(CODES) as DiagnosticCode[];

export interface SarifLinks {
  /**
   * The aggregator's homepage (package.json `homepage`), or none: the only web address the
   * log names (`informationUri` and each rule's `helpUri`), so it never links to a page that
   * does not exist.
   */
  homepage: string | undefined;
}

/**
 * SARIF 2.1.0 (OASIS) for code-scanning tools: one run, one rule per diagnostic code, one
 * result per diagnostic. Each rule's `help` is its whole rule page, so code-scanning UIs show
 * the explanation without a link. Deterministic: no timestamps, no absolute paths (locations
 * are relative to `%SRCROOT%`, the `--root` folder), the report's order.
 */
export function renderSarif(report: Report, links: SarifLinks = { homepage: readPackageLinks().homepage }): string {
  const { homepage } = links;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'velo-events',
            version: VERSION,
            ...(homepage === undefined ? {} : { informationUri: homepage }),
            rules: RULE_CODES.map((code) => {
              const page = unlinkRulePages(readRulePage(code));
              return {
                id: ruleId(code),
                name: code,
                shortDescription: { text: CODES[code].summary },
                // The homepage itself: a page per rule under it would guess at how it serves them.
                ...(homepage === undefined ? {} : { helpUri: homepage }),
                help: { text: page, markdown: page },
                defaultConfiguration: { level: LEVEL[CODES[code].defaultSeverity] },
              };
            }),
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
