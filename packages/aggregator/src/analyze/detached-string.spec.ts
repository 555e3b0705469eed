import { flattened, nameCopier } from './detached-string';

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

describe('flattened', () => {
  it('is the same message, whatever it is made of', () => {
    const name = 'export const wixCrm_onContactCreated = 1;'.slice(13, 36);
    expect(flattened(`\`${name}\` is not a function`)).toBe('`wixCrm_onContactCreated` is not a function');
    expect(flattened('42')).toBe('42');
    expect(flattened('')).toBe('');
  });
});
