import { applyEdits } from '../fix/edits/apply-edits';
import type { Diagnostic } from '../model';
import { eventFieldSuggestion } from './event-field-suggestion';

function fieldDiagnostic(line: number, column: number, suggestion?: string): Diagnostic {
  return {
    code: 'event-field',
    severity: 'warning',
    file: 'src/backend/events.js',
    line,
    column,
    message: '…',
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/** The text after the suggestion, and its description; null when none is offered. */
function suggested(text: string, line: number, column: number, suggestion?: string): [string, string] | null {
  const result = eventFieldSuggestion(text, fieldDiagnostic(line, column, suggestion));
  return result === null ? null : [applyEdits(text, result.edits), result.description];
}

describe('eventFieldSuggestion', () => {
  it('renames a name after a dot or an optional chain', () => {
    expect(suggested('const n = event.data.ordr.number;', 1, 22, 'order')).toEqual([
      'const n = event.data.order.number;',
      'Read `order` instead of `ordr`',
    ]);
    expect(suggested('f(event?.data?.ordr?.number);', 1, 16, 'order')).toEqual(['f(event?.data?.order?.number);', 'Read `order` instead of `ordr`']);
  });

  it("renames a string index's content and keeps its quotes", () => {
    expect(suggested("f(event['data']['ordr']);", 1, 17, 'order')?.[0]).toBe("f(event['data']['order']);");
    expect(suggested('f(event["data"]["ordr"]);', 1, 17, 'order')?.[0]).toBe('f(event["data"]["order"]);');
  });

  it('renames the key of a renamed pattern property and keeps the local name of a shorthand', () => {
    expect(suggested('export function h({ metdata: meta = {} }) {}', 1, 21, 'metadata')?.[0]).toBe(
      'export function h({ metadata: meta = {} }) {}',
    );
    expect(suggested('const { id, info } = event.entity;\nuse(id);', 1, 9, '_id')).toEqual([
      'const { _id: id, info } = event.entity;\nuse(id);',
      'Read `_id` instead of `id`',
    ]);
    expect(suggested('const { info, id = 0 } = event.entity;', 1, 15, '_id')?.[0]).toBe('const { info, _id: id = 0 } = event.entity;');
    expect(suggested('const {\n  infoo,\n} = event.entity;', 2, 3, 'info')?.[0]).toBe('const {\n  info: infoo,\n} = event.entity;');
  });

  it('finds the line after CRLF line breaks', () => {
    expect(suggested('// x\r\nf(event.totls);', 2, 9, 'totals')?.[0]).toBe('// x\r\nf(event.totals);');
  });

  it('offers nothing without a single suggestion, for another code, or where the text is not a key', () => {
    expect(suggested('f(event.entity);', 1, 9)).toBeNull();
    expect(eventFieldSuggestion('f(event.ordr);', { ...fieldDiagnostic(1, 9, 'order'), code: 'unknown-event' })).toBeNull();
    // The editor's text moved: a space, a number, the suggestion itself, a line past the end.
    expect(suggested('f(event. ordr);', 1, 9, 'order')).toBeNull();
    expect(suggested('f(event[0]);', 1, 9, 'order')).toBeNull();
    expect(suggested('f(event.order);', 1, 9, 'order')).toBeNull();
    expect(suggested('f(event.ordr);', 3, 1, 'order')).toBeNull();
    // Not after a dot, a brace or a comma: a call's argument, say.
    expect(suggested('f(ordr);', 1, 3, 'order')).toBeNull();
    // A string with an escape inside was not read as written.
    expect(suggested("f(event['or\\u0064r']);", 1, 9, 'order')).toBeNull();
  });

  it('never writes a name that is no identifier after a dot, and quotes it as a pattern key', () => {
    expect(suggested('f(event.totl);', 1, 9, 'total-price')).toBeNull();
    expect(suggested('const { totl: t } = event;', 1, 9, 'total-price')?.[0]).toBe('const { "total-price": t } = event;');
    expect(suggested("f(event['totl']);", 1, 9, "it's")?.[0]).toBe("f(event['it\\'s']);");
  });
});
