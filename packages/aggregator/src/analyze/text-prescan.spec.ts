import { findTooDeepBracket } from './nesting-depth';
import { countOpeningBrackets, prescanText } from './text-prescan';

describe('prescanText', () => {
  it("gives the outline's ranges and the count of opening brackets, those in strings and comments included", () => {
    const text = "export function a(e) {\n  return '([{';\n}\n// (\n";
    expect(prescanText(text)).toEqual({ outline: [22, 39], brackets: 6 });
    expect(prescanText('function f() {')).toEqual({ outline: null, brackets: 2 });
    expect(countOpeningBrackets('')).toBe(0);
  });

  it('lets nesting-depth skip its closer look with the count given, as when it counts itself', () => {
    const deep = `${'('.repeat(300)}1${')'.repeat(300)}`;
    expect(findTooDeepBracket(deep, 256, prescanText(deep).brackets)).toBe(256);
    expect(findTooDeepBracket(deep, 256)).toBe(256);
    const shallow = '('.repeat(10);
    expect(findTooDeepBracket(shallow, 256, prescanText(shallow).brackets)).toBe(-1);
  });
});
