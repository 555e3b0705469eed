import ts = require('@ts-morph/common/dist/typescript.js');
import { countOpeningBrackets } from './text-prescan';

const OPENERS = new Set([ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.OpenBracketToken, ts.SyntaxKind.OpenBraceToken]);
const CLOSERS = new Set([ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken]);

/** Tokens after which a `/` divides; after any other token it starts a regular expression. */
const ENDS_OPERAND = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
]);

/**
 * The offset of the first bracket (`(`, `[`, `{` or a template's `${`) that opens level
 * `limit + 1`, or -1. Token by token with TypeScript's scanner, which never recurses, so
 * it cannot run out of stack on the files the parsers would. A `/` is read as a regular
 * expression or a division from the token before it, as a parser would in all but
 * contrived cases; a misread can only shift the count, never throw.
 */
export function findTooDeepBracket(text: string, limit: number, brackets = countOpeningBrackets(text)): number {
  // Fewer brackets in the whole file than the limit: nothing to look for (most files).
  if (brackets <= limit) return -1;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  /** The depth each open template substitution (`${`) started at. */
  const substitutions: number[] = [];
  let depth = 0;
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.CloseBraceToken && substitutions.at(-1) === depth) {
      token = scanner.reScanTemplateToken(false);
      if (token === ts.SyntaxKind.TemplateTail) {
        substitutions.pop();
        depth -= 1;
      }
    } else if ((token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) && !ENDS_OPERAND.has(previous)) {
      token = scanner.reScanSlashToken();
    }
    if (OPENERS.has(token) || token === ts.SyntaxKind.TemplateHead) {
      depth += 1;
      if (depth > limit) return scanner.getTokenStart();
      if (token === ts.SyntaxKind.TemplateHead) substitutions.push(depth);
    } else if (CLOSERS.has(token)) {
      depth = Math.max(0, depth - 1);
    }
    previous = token;
  }
  return -1;
}
