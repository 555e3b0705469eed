import { detachedString } from './detached-string';

describe('detachedString', () => {
  it('is the same text, short or long, ASCII or not', () => {
    const text = 'export function wixCrm_onContactCreated(event) {} // é 名前 😀';
    for (const [start, end] of [[16, 39], [16, 20], [50, text.length]] as const) {
      expect(detachedString(text.slice(start, end))).toBe(text.slice(start, end));
    }
    expect(detachedString('')).toBe('');
  });
});
