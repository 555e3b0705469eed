import { lineStartsOf } from '../base/line-starts';
import type { TextEdit } from '../fix/edits/apply-edits';
import { isIdentifierName } from '../fix/edits/source-names';
import type { Diagnostic } from '../model';

export interface Suggestion {
  description: string;
  edits: TextEdit[];
}

/**
 * An `event-field` diagnostic's rename to the one documented name near the read (issue 25
 * part 2), as an ESLint suggestion: offered, never applied by `--fix`, since the nearest
 * documented name is a guess about what the handler meant. The diagnostic stands at the key
 * the docs lack; what is written there decides the edit:
 *
 * - `event.data.ordr`, `event?.data?.ordr` → `…order` (a name after `.`);
 * - `event['data']['ordr']` → `…['order']` (the string's content, its quotes kept);
 * - `{ metdata: meta }` → `{ metadata: meta }` (a renamed key of a pattern or literal);
 * - `{ id } = event.entity` → `{ _id: id }` (a shorthand: the local name stays, so the code
 *   after it is unchanged).
 *
 * Null when there is no single suggestion or the text there is not what the check read (the
 * editor's text changed under it): a wrong edit is worse than none.
 */
export function eventFieldSuggestion(text: string, diagnostic: Diagnostic): Suggestion | null {
  const { suggestion } = diagnostic;
  if (diagnostic.code !== 'event-field' || suggestion === undefined) return null;
  const at = offsetOf(text, diagnostic.line, diagnostic.column);
  if (at === null) return null;
  const quote = text[at];
  if (quote === "'" || quote === '"') return stringKeyEdit(text, at, quote, suggestion);
  const key = nameAt(text, at);
  if (key === null || key === suggestion) return null;
  const before = previousCodeChar(text, at);
  const after = nextCodeChar(text, at + key.length);
  if (before === '.') {
    // `.total-price` is no name: such a suggestion is not offered after a dot.
    if (!isIdentifierName(suggestion)) return null;
    return rename(key, suggestion, [{ start: at, end: at + key.length, text: suggestion }]);
  }
  if (before !== '{' && before !== ',') return null;
  const property = isIdentifierName(suggestion) ? suggestion : JSON.stringify(suggestion);
  if (after === ':') return rename(key, suggestion, [{ start: at, end: at + key.length, text: property }]);
  if (after === ',' || after === '}' || after === '=') {
    return rename(key, suggestion, [{ start: at, end: at + key.length, text: `${property}: ${key}` }]);
  }
  return null;
}

function rename(key: string, suggestion: string, edits: TextEdit[]): Suggestion {
  return { description: `Read \`${suggestion}\` instead of \`${key}\``, edits };
}

function stringKeyEdit(text: string, at: number, quote: string, suggestion: string): Suggestion | null {
  const close = text.indexOf(quote, at + 1);
  if (close === -1) return null;
  const key = text.slice(at + 1, close);
  // An escape or a line break inside: not a key this check read as written.
  if (/[\\\r\n]/.test(key) || key === suggestion) return null;
  const escaped = JSON.stringify(suggestion).slice(1, -1);
  const content = quote === '"' ? escaped : escaped.replace(/\\"/g, '"').replace(/'/g, "\\'");
  return rename(key, suggestion, [{ start: at + 1, end: close, text: content }]);
}

/** The offset of a 1-based line and column (UTF-16 code units, lines as the check counts them); null past the text. */
function offsetOf(text: string, line: number, column: number): number | null {
  const starts = lineStartsOf(text);
  if (line < 1 || line > starts.length) return null;
  const offset = starts[line - 1]! + column - 1;
  return offset < text.length ? offset : null;
}

const NAME = /[A-Za-z_$][\w$]*/y;

function nameAt(text: string, at: number): string | null {
  NAME.lastIndex = at;
  const match = NAME.exec(text);
  return match === null ? null : match[0];
}

/** The character before `at`, past white space (`?.` ends in `.`). */
function previousCodeChar(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i -= 1;
  return i >= 0 ? text[i]! : '';
}

function nextCodeChar(text: string, at: number): string {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  return i < text.length ? text[i]! : '';
}
