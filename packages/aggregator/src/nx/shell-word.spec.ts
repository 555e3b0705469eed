import { execFileSync } from 'node:child_process';
import { shellWord } from './shell-word';

describe('shellWord', () => {
  it('leaves npm names and plain relative paths as they are', () => {
    expect(['site-fixture', '@acme/loyalty', 'packages/site-fixture', 'sites/a_b.c'].map((value) => shellWord(value, 'linux'))).toEqual([
      'site-fixture',
      '@acme/loyalty',
      'packages/site-fixture',
      'sites/a_b.c',
    ]);
  });

  it("quotes anything else for sh; sh reads each back as the one argument it was, and runs none of it", () => {
    const hostile = ['my site', "it's", '$(touch /tmp/velo-events-pwned)', '`id`', 'a;b&c|d>e', '"quoted"', 'new\nline', '*', ''];
    const words = hostile.map((value) => shellWord(value, 'linux'));
    expect(words.slice(0, 3)).toEqual(["'my site'", "'it'\\''s'", "'$(touch /tmp/velo-events-pwned)'"]);
    const echoed = execFileSync('sh', ['-c', `node -e 'process.stdout.write(JSON.stringify(process.argv.slice(1)))' ${words.join(' ')}`], { encoding: 'utf8' });
    expect(JSON.parse(echoed)).toEqual(hostile);
  });

  it('quotes for cmd.exe on Windows', () => {
    expect(shellWord('my site', 'win32')).toBe('"my site"');
    expect(shellWord('100%', 'win32')).toBe('"100"^%""');
    expect(shellWord('site-fixture', 'win32')).toBe('site-fixture');
  });
});
