import { detachStrings } from './detach-strings';

describe('detachStrings', () => {
  it('keeps every value, in the same objects and arrays', () => {
    const text = 'export function wixCrm_onContactCreated(event) {}';
    const name = text.slice(16, 39);
    const at = { file: 'backend/events.js', line: 1, column: 17 };
    const facts = { file: 'backend/events.js', parsed: true, exports: [{ name, nameAt: at, value: { kind: 'function', params: 1, at, extra: null } }] };
    const exports = facts.exports;

    expect(detachStrings(facts)).toBe(facts);
    expect(facts.exports).toBe(exports);
    expect(facts).toEqual({
      file: 'backend/events.js',
      parsed: true,
      exports: [{ name: 'wixCrm_onContactCreated', nameAt: at, value: { kind: 'function', params: 1, at, extra: null } }],
    });
  });
});
