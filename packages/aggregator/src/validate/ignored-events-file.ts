import ts = require('@ts-morph/common/dist/typescript.js');
import * as path from 'node:path';
import { NESTING_LIMIT } from '../analyze/messages';
import { hasModifier } from '../analyze/modifiers';
import { isHandlerShaped } from '../analyze/names';
import { findTooDeepBracket } from '../analyze/nesting-depth';
import { firstSyntaxError, parseModule } from '../analyze/parse-module';
import { boundNames } from '../analyze/analyze-module';
import type { SourceText } from '../fs/read-source';
import type { Finding, Location, WorkspacePackage } from '../model';

/**
 * Each language a file where events.js would be may be written in. The analyzer of
 * events.js parses JavaScript only (and has V8 judge it), so these files are parsed here,
 * each in its own language: type annotations are a parse error in JavaScript.
 */
const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  '.ts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
};

/**
 * One `ignored-events-file` finding per handler-shaped name that `file`, one of
 * `pkg.ignoredEventsFiles`, exports itself (shared/SPEC.md §2, §4): Velo never calls it. Only
 * the file's own exports are listed (`export function`, `export const`, `export { a as b }`);
 * what it re-exports with `export *` is not followed. A file that cannot be read or parsed
 * gets one finding, since what it exports cannot be told.
 */
export function ignoredEventsFileFindings(pkg: WorkspacePackage, file: string, source: SourceText): Finding[] {
  const why = whyNeverCalled(pkg, file);
  if (!source.ok) {
    return [{ code: 'ignored-events-file', file, line: 1, column: 1, message: `${file} ${source.reason}; ${whateverItExports(why)}` }];
  }
  const listed = directExports(file, source.text);
  if (!listed.ok) {
    const { line, column, problem } = listed;
    return [{ code: 'ignored-events-file', file, line, column, message: `${file} cannot be parsed (${problem}); ${whateverItExports(why)}` }];
  }
  return listed.exports
    .filter(({ name }) => isHandlerShaped(name))
    .map(({ name, at }) => ({
      code: 'ignored-events-file' as const,
      ...at,
      message: `\`${name}\` in ${file} is never called: ${why.reason}; ${why.remedy(name)}`,
    }));
}

const APP_MARKERS: Readonly<Record<NonNullable<WorkspacePackage['wixCliApp']>, string>> = {
  appId: 'an `appId`',
  projectType: '`"projectType": "App"`',
};

interface WhyNeverCalled {
  reason: string;
  remedy: (handler: string) => string;
}

function whyNeverCalled(pkg: WorkspacePackage, file: string): WhyNeverCalled {
  if (pkg.wixCliApp) {
    const inPackage = (relative: string): string => (pkg.root === '.' ? relative : `${pkg.root}/${relative}`);
    return {
      reason: `this is a Wix CLI app (${inPackage('wix.config.json')} has ${APP_MARKERS[pkg.wixCliApp]}), and Velo's events.js handlers do not run in apps`,
      remedy: (handler) => `handle ${eventOf(handler)} with an event extension in ${inPackage('src/extensions/')} instead`,
    };
  }
  // The events.js velo-events reads for this package; beside the file when there is none.
  const eventsFile = pkg.eventsFile ?? `${path.posix.dirname(file)}/events.js`;
  return { reason: `Velo reads backend event handlers only from ${eventsFile}`, remedy: () => 'export it from there' };
}

function whateverItExports(why: WhyNeverCalled): string {
  return `whatever handlers it exports are never called: ${why.reason}`;
}

/** `wixCrm_onContactCreated` → `onContactCreated` (a handler-shaped name has one `_on`). */
function eventOf(handler: string): string {
  return handler.slice(handler.indexOf('_') + 1);
}

interface DirectExport {
  name: string;
  at: Location;
}

type DirectExports = { ok: true; exports: DirectExport[] } | { ok: false; line: number; column: number; problem: string };

/** The names the module exports itself, where each is written; ambient and type-only ones are not values. */
function directExports(file: string, text: string): DirectExports {
  // Checked before parsing, as analyze-module does: the parser recurses per level.
  const tooDeep = findTooDeepBracket(text, NESTING_LIMIT);
  if (tooDeep >= 0) return { ok: false, line: 1, column: 1, problem: `brackets nest more than ${NESTING_LIMIT} levels deep` };
  let source: ts.SourceFile;
  try {
    source = parseModule(file, text, SCRIPT_KINDS[path.posix.extname(file)] ?? ts.ScriptKind.JS);
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { ok: false, line: 1, column: 1, problem: 'nested too deeply to parse' };
    }
    throw error;
  }
  const at = (node: ts.Node): Location => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { file, line: line + 1, column: character + 1 };
  };
  const parseError = firstSyntaxError(source);
  if (parseError) {
    const { line, character } = source.getLineAndCharacterOfPosition(parseError.start);
    return { ok: false, line: line + 1, column: character + 1, problem: ts.flattenDiagnosticMessageText(parseError.messageText, ' ') };
  }

  const exports: DirectExport[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isVariableStatement(statement)) {
      if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) continue;
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          for (const { name, nameNode } of boundNames(declaration.name)) exports.push({ name, at: at(nameNode) });
        }
      } else if (statement.name && !hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
        exports.push({ name: statement.name.text, at: at(statement.name) });
      }
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause) {
      const clause = statement.exportClause;
      if (ts.isNamespaceExport(clause)) {
        exports.push({ name: clause.name.text, at: at(clause.name) });
        continue;
      }
      for (const element of clause.elements) {
        if (!element.isTypeOnly) exports.push({ name: element.name.text, at: at(element.name) });
      }
    }
  }
  return { ok: true, exports };
}
