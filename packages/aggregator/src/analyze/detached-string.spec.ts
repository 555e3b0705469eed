import { detached, textCopier } from './detached-string';

describe('textCopier', () => {
  it('gives the same text, short or long, ASCII or not, one copy per distinct text', () => {
    const text = 'export function wixCrm_onContactCreated(event) {} // é 名前 😀 wixCrm_onContactCreated';
    const copy = textCopier();
    for (const [start, end] of [[16, 39], [16, 20], [50, text.length]] as const) {
      expect(copy(text.slice(start, end))).toBe(text.slice(start, end));
    }
    expect(copy('')).toBe('');
    expect(copy(text.slice(text.length - 23))).toBe('wixCrm_onContactCreated');
  });

  it('gives a text built by concatenation (a suggestion) back whole', () => {
    const copy = textCopier();
    const prefix = 'export function wixBilling_onInvoicePaid() {}'.slice(16, 26);
    expect(copy(`${prefix}_onInvoicePaid`)).toBe('wixBilling_onInvoicePaid');
  });
});

describe('detached', () => {
  it('gives the same text back', () => {
    const text = 'export const wixBilling_onInvoicePaid = 1; // ünïcode';
    expect(detached(text.slice(13, 37))).toBe('wixBilling_onInvoicePaid');
    expect(detached(text.slice(0, 6))).toBe('export');
    expect(detached(text)).toBe(text);
  });
});
