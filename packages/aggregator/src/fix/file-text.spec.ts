import { decodeFileText, encodeFileText, lineEndingOf } from './file-text';

describe('decodeFileText / encodeFileText', () => {
  it('drops a BOM from the text as the analyzer does, and puts it back when writing', () => {
    const bytes = Buffer.from('\uFEFFexport const a = 1;\r\n', 'utf8');
    const decoded = decodeFileText(bytes)!;
    expect(decoded).toEqual({ bytes, bom: true, text: 'export const a = 1;\r\n' });
    expect(encodeFileText(decoded.text, decoded.bom).equals(bytes)).toBe(true);
    expect(encodeFileText('é', false)).toEqual(Buffer.from([0xc3, 0xa9]));
  });

  it('refuses what the analyzer reports as a read-error (invalid UTF-8, NUL bytes)', () => {
    expect(decodeFileText(Buffer.from([0x61, 0xff]))).toBeNull();
    expect(decodeFileText(Buffer.from([0x61, 0x00]))).toBeNull();
  });
});

describe('lineEndingOf', () => {
  it.each([
    ['a\nb\n', '\n'],
    ['a\r\nb\r\n', '\r\n'],
    ['a\r\nb\r\nc\n', '\r\n'],
    ['a\nb\nc\r\n', '\n'],
    ['a\rb\r', '\r'],
    ['no line break', '\n'],
  ])('%j → %j', (text, eol) => {
    expect(lineEndingOf(text)).toBe(eol);
  });
});
