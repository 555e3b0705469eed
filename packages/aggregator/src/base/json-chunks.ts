/**
 * `JSON.stringify(value, null, 2)` (or, `compact`, `JSON.stringify(value)`) handed to `write`
 * a chunk at a time, the same bytes when joined. A report of 10,000 packages is ~40 MB of JSON; written this way it never exists
 * as one string, nor as the one buffer stdout would copy it into.
 *
 * Containers down to `depth` levels are walked here; anything deeper, or small, is left to
 * JSON.stringify and re-indented. Only plain data is walked (arrays and plain objects);
 * other values go to JSON.stringify whole, so `toJSON` and friends keep their meaning.
 *
 * Every string made here must stay well below V8's large-object size (128 KB): larger ones
 * live in old space until a full collection. Stopping at an event's entry (depth 3 of a
 * report) made 10,000 packages' report 2× slower to write than one JSON.stringify and
 * 75 MB bigger; walking down to each handler (depth 6) with 32 KB chunks made it 2× faster
 * and 100 MB smaller (/tmp render of a 40 MB report, peak RSS 254 → 153 MB).
 */
export function writeJsonChunks(
  value: unknown,
  write: (chunk: string) => void,
  { depth = 6, chunkSize = 1 << 15, compact = false }: { depth?: number; chunkSize?: number; compact?: boolean } = {},
): void {
  let pending = '';
  const emit = (text: string): void => {
    pending += text;
    if (pending.length >= chunkSize) {
      write(pending);
      pending = '';
    }
  };
  writeValue(value, compact ? null : '', depth, emit);
  if (pending !== '') write(pending);
}

/** `indent` null: compact, as `JSON.stringify(value)`; else the indentation of this level. */
function writeValue(value: unknown, indent: string | null, depth: number, emit: (text: string) => void): void {
  if (depth > 0 && Array.isArray(value) && value.length > 0) {
    const inner = indent === null ? null : `${indent}  `;
    emit('[');
    for (let i = 0; i < value.length; i += 1) {
      emit(separator(i === 0, inner));
      // As JSON.stringify does: an element with no JSON form is null.
      const element: unknown = value[i];
      if (hasJsonForm(element)) writeValue(element, inner, depth - 1, emit);
      else emit('null');
    }
    emit(indent === null ? ']' : `\n${indent}]`);
    return;
  }
  const plain = isPlainObject(value);
  const flat = plain && indent !== null ? flatRecordText(value, indent) : null;
  if (flat !== null) {
    emit(flat);
    return;
  }
  if (depth > 0 && plain) {
    // As JSON.stringify does: properties with no JSON form are left out.
    const keys = Object.keys(value).filter((key) => hasJsonForm(value[key]));
    if (keys.length > 0) {
      const inner = indent === null ? null : `${indent}  `;
      emit('{');
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i]!;
        emit(`${separator(i === 0, inner)}${JSON.stringify(key)}${inner === null ? ':' : ': '}`);
        writeValue(value[key], inner, depth - 1, emit);
      }
      emit(indent === null ? '}' : `\n${indent}}`);
      return;
    }
  }
  if (indent === null) {
    emit(JSON.stringify(value));
    return;
  }
  const text = JSON.stringify(value, null, 2);
  emit(indent === '' || !text.includes('\n') ? text : text.replace(/\n/g, `\n${indent}`));
}

/**
 * A plain object whose values are all strings, finite numbers, booleans or null (a handler,
 * a diagnostic), indented at `indent`, built directly: ~2× faster than JSON.stringify and
 * re-indenting its text. null for any other object, or one with no members.
 */
function flatRecordText(value: Record<string, unknown>, indent: string): string | null {
  const inner = `${indent}  `;
  let text = '';
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const member = value[key];
    let json: string;
    if (typeof member === 'string' || typeof member === 'boolean' || member === null) json = JSON.stringify(member);
    else if (typeof member === 'number' && Number.isFinite(member)) json = String(member);
    else if (member === undefined) continue;
    else return null;
    text += (text === '' ? '{\n' : ',\n') + inner + memberPrefix(key) + json;
  }
  return text === '' ? null : `${text}\n${indent}}`;
}

/**
 * `"key": `, made once per key: a report has a handful of keys, each written thousands of
 * times. Bounded, for a long-lived process that writes other records too.
 */
const MEMBER_PREFIXES = new Map<string, string>();
const MEMBER_PREFIXES_KEPT = 256;

function memberPrefix(key: string): string {
  let prefix = MEMBER_PREFIXES.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}: `;
    if (MEMBER_PREFIXES.size < MEMBER_PREFIXES_KEPT) MEMBER_PREFIXES.set(key, prefix);
  }
  return prefix;
}

/** What comes before an element or a member: a comma after the first; indented, a line break. */
function separator(first: boolean, inner: string | null): string {
  if (inner === null) return first ? '' : ',';
  return first ? `\n${inner}` : `,\n${inner}`;
}

function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
