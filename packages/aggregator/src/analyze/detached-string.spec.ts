import { nameCopier } from './detached-string';

describe('nameCopier', () => {
  it('gives the same text, short or long, ASCII or not, one copy per distinct name', () => {
    const text = 'export function wixCrm_onContactCreated(event) {} // é 名前 😀 wixCrm_onContactCreated';
    const copy = nameCopier();
    for (const [start, end] of [[16, 39], [16, 20], [50, text.length]] as const) {
      expect(copy(text.slice(start, end))).toBe(text.slice(start, end));
    }
    expect(copy('')).toBe('');
    expect(copy(text.slice(text.length - 23))).toBe('wixCrm_onContactCreated');
  });
});
