/** A parsed JSON document, or where and why it is not one (1-based line and column). */
export type JsonText =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

/**
 * Parses JSON and, when it is invalid, says where. `JSON.parse` messages differ between
 * Node versions and V8 in Node 20 often gives no position at all ("Unexpected token '}',
 * ... is not valid JSON"), yet a user needs the line and column of their mistake, and our
 * tests need the same message on every Node. So on failure a small scanner that follows
 * RFC 8259 finds the first offending character and describes it in our own words.
 */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found === null) {
      // The scanner accepts everything JSON.parse accepts and vice versa; if they ever
      // disagree that is our bug, not the user's file.
      throw new Error('JSON.parse rejected text that the JSON scanner accepts', { cause: error });
    }
    return { ok: false, ...positionOf(text, found.index), message: found.message };
  }
}

interface SyntaxErrorAt {
  index: number;
  message: string;
}

/** The first syntax error in `text`, or null when it is valid JSON. */
function findJsonSyntaxError(text: string): SyntaxErrorAt | null {
  // Iterative rather than recursive, so deeply nested input cannot overflow the stack.
  const open: Array<'{' | '['> = [];
  let index = 0;
  let expecting: 'value' | 'key' | 'after-value' = 'value';
  let lastComma = 0;

  const skipWhitespace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text[index] as string)) index += 1;
  };
  const fail = (message: string): SyntaxErrorAt => ({ index, message });
  const failExpecting = (expected: string): SyntaxErrorAt => {
    const char = text[index];
    if (char === '/') return fail('comments are not allowed in JSON');
    if (char === "'") return fail('strings must use double quotes in JSON');
    return fail(`expected ${expected}, found ${describe(char)}`);
  };

  for (;;) {
    skipWhitespace();
    const char = text[index];

    if (expecting === 'value') {
      if (char === '{' || char === '[') {
        open.push(char);
        index += 1;
        skipWhitespace();
        const close = char === '{' ? '}' : ']';
        if (text[index] === close) {
          open.pop();
          index += 1;
          expecting = 'after-value';
        } else {
          expecting = char === '{' ? 'key' : 'value';
        }
        continue;
      }
      const scalarError = scanScalar();
      if (scalarError !== null) return scalarError;
      expecting = 'after-value';
      continue;
    }

    if (expecting === 'key') {
      if (char !== '"') {
        if (char === '}') return { index: lastComma, message: 'trailing comma before }' };
        return failExpecting('a property name in double quotes');
      }
      const stringError = scanString();
      if (stringError !== null) return stringError;
      skipWhitespace();
      if (text[index] !== ':') return failExpecting(': after the property name');
      index += 1;
      expecting = 'value';
      continue;
    }

    // after-value
    const container = open[open.length - 1];
    if (container === undefined) {
      return index < text.length
        ? fail(`unexpected ${describe(char)} after the end of the JSON value`)
        : null;
    }
    const close = container === '{' ? '}' : ']';
    if (char === ',') {
      lastComma = index;
      index += 1;
      skipWhitespace();
      if (container === '[' && text[index] === ']') {
        return { index: lastComma, message: 'trailing comma before ]' };
      }
      expecting = container === '{' ? 'key' : 'value';
      continue;
    }
    if (char === close) {
      open.pop();
      index += 1;
      continue;
    }
    return failExpecting(`, or ${close}`);
  }

  function scanScalar(): SyntaxErrorAt | null {
    const char = text[index];
    if (char === '"') return scanString();
    if (char === '-' || isDigit(char)) return scanNumber();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, index)) {
        index += literal.length;
        return null;
      }
    }
    return failExpecting('a value');
  }

  function scanString(): SyntaxErrorAt | null {
    const opening = index;
    index += 1;
    for (;;) {
      const char = text[index];
      // Point at the opening quote: that is where the user sees the string begin.
      if (char === undefined) return { index: opening, message: 'string is never closed' };
      if (char === '"') {
        index += 1;
        return null;
      }
      if (char.charCodeAt(0) < 0x20) {
        return fail(`${describe(char)} inside a string must be escaped (\\n, \\t, \\u0000)`);
      }
      if (char === '\\') {
        const escaped = text[index + 1];
        if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
          index += 2;
        } else if (escaped === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(index + 2, index + 6))) {
          index += 6;
        } else {
          return fail('invalid escape sequence in string');
        }
        continue;
      }
      index += 1;
    }
  }

  function scanNumber(): SyntaxErrorAt | null {
    const start = index;
    if (text[index] === '-') index += 1;
    if (text[index] === '0') {
      index += 1;
      if (isDigit(text[index])) return fail('numbers must not have leading zeros');
    } else if (isDigit(text[index])) {
      while (isDigit(text[index])) index += 1;
    } else {
      index = start + 1;
      return failExpecting('a digit after -');
    }
    if (text[index] === '.') {
      index += 1;
      if (!isDigit(text[index])) return fail('expected a digit after the decimal point');
      while (isDigit(text[index])) index += 1;
    }
    if (text[index] === 'e' || text[index] === 'E') {
      index += 1;
      if (text[index] === '+' || text[index] === '-') index += 1;
      if (!isDigit(text[index])) return fail('expected a digit in the exponent');
      while (isDigit(text[index])) index += 1;
    }
    return null;
  }
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
