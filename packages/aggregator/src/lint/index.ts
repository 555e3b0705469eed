/**
 * `@velo-events/aggregator/lint`: what the ESLint plugin (packages/eslint-plugin) calls. Kept
 * apart from the main entry so an editor's lint server loads only what linting needs.
 */
export { CROSS_FILE_CODES, lintEventsFile } from './lint-events-file';
export type { EventsFileLint, LintDiagnostic, LintEventsFileOptions } from './lint-events-file';
export { findWorkspaceRoot } from './find-workspace-root';
export { ALL_CODES, CODES } from '../validate/codes';
export { rulePageFile } from '../emit/read-rule-page';
export type { TextEdit } from '../fix/edits/apply-edits';
