import { locateJsonValue, parseJsonText } from './parse-json-text';

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{ "a": [1, -2.5e3, true, null, "x\\u00e9"] }')).toEqual({
      ok: true,
      value: { a: [1, -2500, true, null, 'xé'] },
    });
  });

  it.each<[string, number, number, string]>([
    ['{"a": 1,}', 1, 8, 'trailing comma before }'],
    ['[1, 2,\n]', 1, 6, 'trailing comma before ]'],
    ['{"a": }', 1, 7, "expected a value, found '}'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, `expected , or }, found '"'`],
    ['{\r\n  "a": 1\r\n  "b": 2\r\n}', 3, 3, `expected , or }, found '"'`],
    ['', 1, 1, 'expected a value, found the end of the file'],
    ['{"a": 1} x', 1, 10, "unexpected 'x' after the end of the JSON value"],
    ["{'a': 1}", 1, 2, 'strings must use double quotes in JSON'],
    ['{a: 1}', 1, 2, "expected a property name in double quotes, found 'a'"],
    ['{"a" 1}', 1, 6, "expected : after the property name, found '1'"],
    ['{"a": 1 // note\n}', 1, 9, 'comments are not allowed in JSON'],
    ['{"a": 01}', 1, 8, 'numbers must not have leading zeros'],
    ['{"a": -}', 1, 8, "expected a digit after -, found '}'"],
    ['[1.]', 1, 4, 'expected a digit after the decimal point'],
    ['[1e]', 1, 4, 'expected a digit in the exponent'],
    ['{"a": tru}', 1, 7, "expected a value, found 't'"],
    ['{\n  "a": "never closed\n}', 2, 21, 'a line break inside a string must be escaped (\\n, \\t, \\u0000)'],
    ['{"a": "open', 1, 7, 'string is never closed'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape sequence in string'],
    ['{"a": "\\u12x"}', 1, 8, 'invalid escape sequence in string'],
    ['["a\tb"]', 1, 4, 'a tab inside a string must be escaped (\\n, \\t, \\u0000)'],
    ['{"a": [1, 2,}', 1, 13, "expected a value, found '}'"],
    ['{,}', 1, 2, "expected a property name in double quotes, found ','"],
    ['[1 2]', 1, 4, "expected , or ], found '2'"],
    ['{"a": [1 "b"]}', 1, 10, `expected , or ], found '"'`],
    ['{"a": 1', 1, 8, 'expected , or }, found the end of the file'],
    ['[1] /* c */', 1, 5, 'comments are not allowed in JSON'],
    ['{"a": 1}}', 1, 9, "unexpected '}' after the end of the JSON value"],
    ['[-01]', 1, 4, 'numbers must not have leading zeros'],
    ['[1,\u00a02]', 1, 4, "expected a value, found '\u00a0'"],
    ['[' + '['.repeat(2_000) + ']'.repeat(2_000) + ',]', 1, 4_002, 'trailing comma before ]'],
    // Past jsonc-parser's recursion depth the error is not located; JSON.parse still rejects it.
    ['['.repeat(100_000), 1, 1, 'it nests arrays and objects too deeply for velo-events to say where it is invalid'],
  ])('%j: %i:%i %s', (text, line, column, message) => {
    expect(parseJsonText(text)).toEqual({ ok: false, line, column, message });
  });
});

describe('locateJsonValue', () => {
  const text = '{\r\n  "workspaces": {\r\n    "packages": ["a/*", "../b/*"]\r\n  },\r\n  "n": 1\r\n}';

  it.each<[(string | number)[], { line: number; column: number } | null]>([
    [['workspaces', 'packages', 1], { line: 3, column: 25 }],
    [['workspaces', 'packages', 0], { line: 3, column: 18 }],
    [['n'], { line: 5, column: 8 }],
    [['workspaces', 'packages', 2], null],
    [['missing'], null],
  ])('%j', (at, position) => {
    expect(locateJsonValue(text, at)).toEqual(position);
  });
});
