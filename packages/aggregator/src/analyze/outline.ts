import { hasOnlyLineFeeds } from '../base/line-feeds';

/**
 * A module's text with the insides of its function bodies (and of other blocks that follow
 * `)` or `=>`) turned into spaces: the analysis reads top-level statements, parameter lists
 * and initializers only, and TypeScript parses the outline in about half the time of the
 * whole text (most of a handler file is bodies). Every position and line break is kept, so
 * locations read from the outline are those of the file.
 *
 * The scan must read tokens exactly as a parser would, or a brace inside a regular
 * expression or template could end a body early. Where JavaScript's lexical grammar needs
 * the parser to tell a regular expression from a division, the token before decides —
 * except after `}` (block or object literal?), `++`/`--` and the contextual word `of`, and
 * wherever non-ASCII or escaped identifiers appear: there the scan gives up (null) and the
 * whole text is parsed. analyze-module then checks the outline's parse: no errors, and each
 * blanked range exactly the inside of a block, class body or case block.
 */
export interface Outline {
  text: string;
  /** [start, end) of each blanked range: the inside of the braces at start - 1 and end. */
  ranges: readonly number[];
}

/** Words after which `/` starts a regular expression: the expression-taking keywords. */
const REGEX_AFTER_WORD = new Set([
  'await', 'case', 'default', 'delete', 'do', 'else', 'extends', 'in', 'instanceof', 'new', 'return', 'throw', 'typeof', 'void', 'yield',
]);
/** Keywords whose parenthesized part is followed by a statement (so `) /x/` is a regex). */
const PAREN_BEFORE_STATEMENT = new Set(['if', 'while', 'for', 'with']);

/** What the token before says about a `/` or `{` that follows it. */
const enum Previous {
  /** Start of text, or a punctuator after which an expression may start: `/` is a regex. */
  Operator,
  /** A number, string, template end, regex or `]`: `/` divides. */
  Operand,
  /** A word: what it is (name, keyword, property) is decided when a `/` or `(` follows. */
  Word,
  /** `)` of if/while/for/with: a statement follows. */
  StatementParen,
  ExpressionParen,
  Arrow,
  /** `}`, `++`, `--`: both readings are possible; give up on a `/` after it. */
  Ambiguous,
}

export function outlineOf(text: string): Outline | null {
  const ranges = outlineRanges(text);
  return ranges === null ? null : outlineFrom(text, ranges);
}

/**
 * The outline from ranges `outlineRanges` gave for this very text. The source thread scans
 * while it reads and sends only the ranges: the blanked text is made where it is parsed.
 */
export function outlineFrom(text: string, ranges: readonly number[]): Outline {
  return { text: ranges.length === 0 ? text : blank(text, ranges), ranges };
}

/** The ranges `outlineOf` blanks ([start, end) pairs, in order); null where the scan gives up. */
export function outlineRanges(text: string): number[] | null {
  const n = text.length;
  const ranges: number[] = [];
  /** For each open `(`: whether a statement follows its `)`. */
  const parens: boolean[] = [];
  /** For each open `{` or `${`: whether it is a template's, and whether it opened a blanked range. */
  const braces: { template: boolean; blanked: boolean }[] = [];
  let blanking = false;
  let previous = Previous.Operator;
  // The last word and the one before it, when nothing came between them: `for await (`.
  let wordStart = 0;
  let wordEnd = 0;
  let wordBeforeStart = 0;
  let wordBeforeEnd = 0;
  const word = (from: number, to: number): string => (to - from <= 10 ? text.slice(from, to) : '');
  let i = text.startsWith('#!') ? lineEnd(text, 0) : 0;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i += 1;
      continue;
    }
    if (c >= 0x80 || c === 0x5c /* \ */) return null;
    if (isWordChar(c)) {
      let end = i + 1;
      while (end < n && isWordChar(text.charCodeAt(end))) end += 1;
      if (end < n && (text.charCodeAt(end) >= 0x80 || text.charCodeAt(end) === 0x5c)) return null;
      if (previous === Previous.Word) {
        wordBeforeStart = wordStart;
        wordBeforeEnd = wordEnd;
      } else {
        wordBeforeStart = wordBeforeEnd = 0;
      }
      wordStart = i;
      wordEnd = end;
      // A number is an operand; a name or keyword waits for what follows.
      previous = isDigit(c) ? Previous.Operand : Previous.Word;
      i = end;
      continue;
    }
    if (c === 0x2f /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x2f) {
        i = lineEnd(text, i);
        continue;
      }
      if (next === 0x2a) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) return null;
        i = close + 2;
        continue;
      }
      let divides = previous === Previous.Operand || previous === Previous.ExpressionParen;
      if (previous === Previous.Ambiguous) return null;
      if (previous === Previous.Word) {
        const w = word(wordStart, wordEnd);
        // `of` is a keyword in `for (x of /re/)` and a name elsewhere.
        if (w === 'of') return null;
        // A keyword after `.` is a property name: `x.return / 2` divides.
        divides = !REGEX_AFTER_WORD.has(w) || precededByDot(text, wordStart);
      }
      if (divides) {
        i += next === 0x3d ? 2 : 1;
        previous = Previous.Operator;
        continue;
      }
      const end = regexEnd(text, i);
      if (end < 0) return null;
      i = end;
      previous = Previous.Operand;
      continue;
    }
    if (c === 0x27 || c === 0x22) {
      const end = stringEnd(text, i, c);
      if (end < 0) return null;
      i = end;
      previous = Previous.Operand;
      continue;
    }
    if (c === 0x60 /* ` */) {
      const end = templateChunkEnd(text, i + 1);
      if (end < 0) return null;
      i = end;
      if (text.charCodeAt(i - 1) === 0x7b /* ${ */) {
        braces.push({ template: true, blanked: false });
        previous = Previous.Operator;
      } else {
        previous = Previous.Operand;
      }
      continue;
    }
    // Punctuators.
    if (c === 0x28 /* ( */) {
      let beforeStatement = false;
      if (previous === Previous.Word && !precededByDot(text, wordStart)) {
        const w = word(wordStart, wordEnd);
        beforeStatement = PAREN_BEFORE_STATEMENT.has(w) || (w === 'await' && word(wordBeforeStart, wordBeforeEnd) === 'for');
      }
      parens.push(beforeStatement);
      previous = Previous.Operator;
    } else if (c === 0x29 /* ) */) {
      if (parens.length === 0) return null;
      previous = parens.pop() ? Previous.StatementParen : Previous.ExpressionParen;
    } else if (c === 0x7b /* { */) {
      const opens =
        !blanking && (previous === Previous.StatementParen || previous === Previous.ExpressionParen || previous === Previous.Arrow);
      braces.push({ template: false, blanked: opens });
      if (opens) {
        blanking = true;
        ranges.push(i + 1);
      }
      previous = Previous.Operator;
    } else if (c === 0x7d /* } */) {
      const open = braces.pop();
      if (!open) return null;
      if (open.template) {
        const end = templateChunkEnd(text, i + 1);
        if (end < 0) return null;
        i = end;
        if (text.charCodeAt(i - 1) === 0x7b) {
          braces.push({ template: true, blanked: false });
          previous = Previous.Operator;
        } else {
          previous = Previous.Operand;
        }
        continue;
      }
      if (open.blanked) {
        blanking = false;
        ranges.push(i);
      }
      previous = Previous.Ambiguous;
    } else if (c === 0x5d /* ] */) {
      previous = Previous.Operand;
    } else if ((c === 0x2b || c === 0x2d) && text.charCodeAt(i + 1) === c) {
      i += 2;
      previous = Previous.Ambiguous;
      continue;
    } else if (c === 0x3d /* = */ && text.charCodeAt(i + 1) === 0x3e /* > */) {
      i += 2;
      previous = Previous.Arrow;
      continue;
    } else if (c === 0x2e /* . */ && isDigit(text.charCodeAt(i + 1))) {
      // `.5`: a number.
      let end = i + 1;
      while (end < n && isWordChar(text.charCodeAt(end))) end += 1;
      i = end;
      previous = Previous.Operand;
      continue;
    } else {
      previous = Previous.Operator;
    }
    i += 1;
  }
  if (blanking || braces.length > 0 || parens.length > 0) return null;
  return ranges;
}

/** Every character of the ranges but line terminators becomes a space (exported for its tests). */
export function blank(text: string, ranges: readonly number[]): string {
  const onlyLineFeeds = hasOnlyLineFeeds(text);
  const parts: string[] = [];
  let from = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const start = ranges[r]!;
    const end = ranges[r + 1]!;
    parts.push(text.slice(from, start));
    if (onlyLineFeeds) blankLines(text, start, end, parts);
    // Runs, not characters: a regex match per character took most of the outline's time.
    else parts.push(text.slice(start, end).replace(/[^\n\r\u2028\u2029]+/g, (run) => spaces(run.length)));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** [start, end) of a text whose only line break is LF, as spaces and LFs: ~4× faster than the regex. */
function blankLines(text: string, start: number, end: number, parts: string[]): void {
  let at = start;
  for (let lf = text.indexOf('\n', at); lf !== -1 && lf < end; lf = text.indexOf('\n', at)) {
    if (lf > at) parts.push(spaces(lf - at));
    parts.push('\n');
    at = lf + 1;
  }
  if (end > at) parts.push(spaces(end - at));
}

/** Grown, never shrunk: the longest blank run so far. */
let SPACES = ' '.repeat(1024);

/** n spaces, cut from one long run (a view into it, which the join copies). */
function spaces(n: number): string {
  while (SPACES.length < n) SPACES += SPACES;
  return SPACES.slice(0, n);
}

function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x24 || c === 0x5f || c === 0x23 /* #private */
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function precededByDot(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j -= 1;
  // `...spread` is not a member access, but no keyword that takes a regex may follow it anyway.
  return j >= 0 && text.charCodeAt(j) === 0x2e;
}

function lineEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return j;
  }
  return text.length;
}

/** After the closing quote; -1 when a line ends first. */
function stringEnd(text: string, start: number, quote: number): number {
  for (let j = start + 1; j < text.length; j += 1) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === 0x5c) j += text.charCodeAt(j + 1) === 0x0d && text.charCodeAt(j + 2) === 0x0a ? 2 : 1;
    else if (c === 0x0a || c === 0x0d) return -1;
  }
  return -1;
}

/** After the closing backtick or after a `${`; -1 when the text ends first. */
function templateChunkEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) {
    const c = text.charCodeAt(j);
    if (c === 0x60) return j + 1;
    if (c === 0x5c) j += 1;
    else if (c === 0x24 && text.charCodeAt(j + 1) === 0x7b) return j + 2;
  }
  return -1;
}

/** After a regular expression's flags; -1 when a line ends first. */
function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let j = start + 1; j < text.length; j += 1) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) {
      j += 1;
      const escaped = text.charCodeAt(j);
      if (escaped === 0x0a || escaped === 0x0d || escaped === 0x2028 || escaped === 0x2029) return -1;
    } else if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      return -1;
    } else if (c === 0x5b) {
      inClass = true;
    } else if (c === 0x5d) {
      inClass = false;
    } else if (c === 0x2f && !inClass) {
      let end = j + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end += 1;
      return end;
    }
  }
  return -1;
}
