/**
 * A JavaScript string literal for any text. JSON.stringify escapes quotes, backslashes and
 * control characters but not U+2028/U+2029, which end a line comment; generated code
 * never puts a name or path anywhere but inside one of these literals.
 */
export function jsString(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
