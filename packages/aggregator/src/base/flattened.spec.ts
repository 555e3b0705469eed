import { flattened } from './flattened';

describe('flattened', () => {
  it('is the same string, whatever it is made of', () => {
    const name = 'export const wixCrm_onContactCreated = 1;'.slice(13, 36);
    expect(flattened(`\`${name}\` is not a function`)).toBe('`wixCrm_onContactCreated` is not a function');
    expect(flattened('42')).toBe('42');
    expect(flattened('')).toBe('');
  });
});
