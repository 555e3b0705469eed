import type { ParseError } from 'jsonc-parser';

/** A parsed JSON document, or where and why it is not one (1-based line and column). */
export type JsonText =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

/**
 * Parses JSON and, when it is invalid, says where. `JSON.parse` messages differ between
 * Node versions and V8 in Node 20 often gives no position at all ("Unexpected token '}',
 * ... is not valid JSON"), yet a user needs the line and column of their mistake, and our
 * tests need the same message on every Node. So on failure jsonc-parser (VS Code's JSON
 * parser, in strict mode) finds the first error and its offset; we only word it.
 */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = locateJsonError(text);
    if (found === null) {
      // Both follow RFC 8259; if they ever disagree that is our bug, not the user's file.
      throw new Error('JSON.parse rejected text that jsonc-parser accepts', { cause: error });
    }
    return { ok: false, ...positionOf(text, found.index), message: found.message };
  }
}

/**
 * Where the value at `path` (object keys and array indexes, e.g. `['workspaces', 1]`) starts
 * in a valid JSON text: its first character, a string's opening quote. null when the text
 * has no value there. For messages about a value the user wrote, not only about syntax.
 */
export function locateJsonValue(text: string, path: readonly (string | number)[]): { line: number; column: number } | null {
  const { parseTree, findNodeAtLocation } = loadJsoncParser();
  const root = parseTree(text, [], STRICT_JSON);
  const node = root === undefined ? undefined : findNodeAtLocation(root, [...path]);
  return node === undefined ? null : positionOf(text, node.offset);
}

function loadJsoncParser(): typeof import('jsonc-parser') {
  return require('jsonc-parser') as typeof import('jsonc-parser');
}

interface SyntaxErrorAt {
  index: number;
  message: string;
}

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

function locateJsonError(text: string): SyntaxErrorAt | null {
  // Loaded only for invalid JSON: every run parses package.json files, few of them invalid.
  const { parseTree } = loadJsoncParser();
  const errors: ParseError[] = [];
  let rootEnd: number;
  try {
    const root = parseTree(text, errors, STRICT_JSON);
    rootEnd = root ? root.offset + root.length : 0;
  } catch (error) {
    // jsonc-parser descends recursively: some 10,000 open brackets exhaust the stack.
    if (!(error instanceof RangeError)) throw error;
    return { index: 0, message: 'it nests arrays and objects too deeply for velo-events to say where it is invalid' };
  }
  const first = errors[0];
  return first ? describeError(text, first, rootEnd) : null;
}

/** Our words for jsonc-parser's error codes, pointing at the offending character. */
function describeError(text: string, { error, offset, length }: ParseError, rootEnd: number): SyntaxErrorAt {
  const char = text[offset];
  const at = (index: number, message: string): SyntaxErrorAt => ({ index, message });
  const expecting = (expected: string): SyntaxErrorAt => {
    if (char === '/') return at(offset, 'comments are not allowed in JSON');
    if (char === "'") return at(offset, 'strings must use double quotes in JSON');
    return at(offset, `expected ${expected}, found ${describe(char)}`);
  };
  // By name: the package declares its codes as a const enum, which isolatedModules cannot read.
  const code = loadJsoncParser().printParseErrorCode(error);
  switch (code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return at(offset, 'comments are not allowed in JSON');
    case 'EndOfFileExpected':
      return at(offset, `unexpected ${describe(char)} after the end of the JSON value`);
    case 'ColonExpected':
      return expecting(': after the property name');
    case 'CommaExpected':
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      if (isDigit(char) && text[offset - 1] === '0' && !/[0-9.eE+]/.test(text[offset - 2] ?? '')) {
        return at(offset, 'numbers must not have leading zeros');
      }
      return expecting(`, or ${openContainerAt(text, offset) === '[' ? ']' : '}'}`);
    case 'UnexpectedEndOfNumber':
      return text[offset + length - 1] === '.'
        ? at(offset + length, 'expected a digit after the decimal point')
        : at(offset + length, 'expected a digit in the exponent');
    case 'UnexpectedEndOfString':
      return offset + length >= text.length
        ? at(offset, 'string is never closed')
        : at(offset + length, `${describe(text[offset + length])} inside a string must be escaped (\\n, \\t, \\u0000)`);
    case 'InvalidCharacter': {
      const index = firstIndex(text, offset, offset + length, (c) => c < ' ');
      return at(index, `${describe(text[index])} inside a string must be escaped (\\n, \\t, \\u0000)`);
    }
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return at(firstInvalidEscape(text, offset, offset + length), 'invalid escape sequence in string');
    case 'InvalidSymbol':
      if (offset >= rootEnd && rootEnd > 0) return at(offset, `unexpected ${describe(char)} after the end of the JSON value`);
      if (char === '-') return at(offset + 1, `expected a digit after -, found ${describe(text[offset + 1])}`);
      return expecting(expectsPropertyName(text, offset) ? 'a property name in double quotes' : 'a value');
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      const before = lastSignificantIndex(text, offset);
      const closes = (char === '}' || char === ']') && openContainerAt(text, offset) === (char === '}' ? '{' : '[');
      if (text[before] === ',' && closes) return at(before, `trailing comma before ${char}`);
      const name = code === 'PropertyNameExpected' || expectsPropertyName(text, offset);
      return expecting(name ? 'a property name in double quotes' : 'a value');
    }
    default:
      return at(offset, `invalid JSON (${code})`);
  }
}

/** Inside an object, right after `{` or `,`: a key comes next. */
function expectsPropertyName(text: string, offset: number): boolean {
  const before = text[lastSignificantIndex(text, offset)];
  return (before === '{' || before === ',') && openContainerAt(text, offset) === '{';
}

/** The innermost `{` or `[` still open at `offset`; a token scan, so nesting depth costs no stack. */
function openContainerAt(text: string, offset: number): '{' | '[' | null {
  const scanner = loadJsoncParser().createScanner(text, true);
  const open: string[] = [];
  // A token that starts with a bracket is that bracket (a string token starts with ").
  for (scanner.scan(); scanner.getTokenLength() > 0 && scanner.getTokenOffset() < offset; scanner.scan()) {
    const first = text[scanner.getTokenOffset()];
    if (first === '{' || first === '[') open.push(first);
    else if (first === '}' || first === ']') open.pop();
  }
  const innermost = open.at(-1);
  return innermost === '{' || innermost === '[' ? innermost : null;
}

function lastSignificantIndex(text: string, offset: number): number {
  let index = offset - 1;
  while (index >= 0 && ' \t\n\r'.includes(text[index] as string)) index -= 1;
  return index;
}

function firstIndex(text: string, from: number, to: number, test: (char: string) => boolean): number {
  for (let index = from; index < to; index += 1) if (test(text[index] as string)) return index;
  return from;
}

/** The backslash of the first escape in a string token that JSON does not allow. */
function firstInvalidEscape(text: string, from: number, to: number): number {
  for (let index = from + 1; index < to; index += 1) {
    if (text[index] !== '\\') continue;
    const next = text[index + 1] ?? '';
    if (next === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6)) : !'"\\/bfnrt'.includes(next) || next === '') return index;
    index += 1;
  }
  return from;
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function describe(char: string | undefined): string {
  if (char === undefined) return 'the end of the file';
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === '\t') return 'a tab';
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) {
    return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return char === "'" ? `"'"` : `'${char}'`;
}

/** 1-based line and column (UTF-16 units, as editors and ts-morph count) of an index. */
function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i += 1) {
    const char = text[i];
    // \r\n is one break: count it at the \n.
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
