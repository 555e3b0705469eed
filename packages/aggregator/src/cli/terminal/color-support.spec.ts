import { supportsColor } from './color-support';

describe('supportsColor (the bin: colors on stdout or not)', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it.each<[string, { isTTY?: boolean }, NodeJS.ProcessEnv, boolean]>([
    ['a terminal', tty, {}, true],
    ['a pipe or file', pipe, {}, false],
    ['a stream that does not say', {}, {}, false],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, false],
    ['NO_COLOR with any non-empty value', tty, { NO_COLOR: 'false' }, false],
    ['an empty NO_COLOR (no-color.org: ignored)', tty, { NO_COLOR: '' }, true],
    ['TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['FORCE_COLOR through a pipe (CI logs)', pipe, { FORCE_COLOR: '1' }, true],
    ['an empty FORCE_COLOR', pipe, { FORCE_COLOR: '' }, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false on a terminal', tty, { FORCE_COLOR: 'false' }, false],
    ['NO_COLOR over FORCE_COLOR', pipe, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
  ])('%s', (_, stream, env, expected) => {
    expect(supportsColor(stream, env)).toBe(expected);
  });
});
