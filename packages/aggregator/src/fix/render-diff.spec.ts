import { renderUnifiedDiff } from './render-diff';

describe('renderUnifiedDiff', () => {
  it("prints git's unified format with three lines of context", () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', ''].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', ''].join('\n');
    expect(renderUnifiedDiff('site/src/backend/events.js', before, after)).toBe(
      ['--- a/site/src/backend/events.js', '+++ b/site/src/backend/events.js', '@@ -2,7 +2,7 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h', ''].join('\n'),
    );
  });

  it('keeps the CR of CRLF lines and marks a missing final newline', () => {
    expect(renderUnifiedDiff('e.js', 'x\r\ny', 'x\r\nz')).toBe(
      ['--- a/e.js', '+++ b/e.js', '@@ -1,2 +1,2 @@', ' x\r', '-y', '\\ No newline at end of file', '+z', '\\ No newline at end of file', ''].join('\n'),
    );
  });

  it("writes a one-line range without a count and an empty one as git does", () => {
    expect(renderUnifiedDiff('e.js', 'a\n', 'b\n')).toBe(['--- a/e.js', '+++ b/e.js', '@@ -1 +1 @@', '-a', '+b', ''].join('\n'));
    expect(renderUnifiedDiff('e.js', '', 'b\n')).toBe(['--- a/e.js', '+++ b/e.js', '@@ -0,0 +1 @@', '+b', ''].join('\n'));
  });

  it('is empty when nothing changes', () => {
    expect(renderUnifiedDiff('e.js', 'same\n', 'same\n')).toBe('');
  });
});
