import { renderRulePage, unlinkRulePages } from './render-rule-page';

const ESC = '\u001b';
const bold = (text: string): string => `${ESC}[1m${text}${ESC}[22m`;
const underline = (text: string): string => `${ESC}[4m${text}${ESC}[24m`;
const cyan = (text: string): string => `${ESC}[36m${text}${ESC}[39m`;

const PAGE = [
  '# shared-event',
  '',
  '**Default severity:** `warning`',
  '',
  'See [handler-arity](handler-arity.md) and ``a `quoted` name``; [Wix](https://dev.wix.com/x.md) stays.',
  '',
  '## Example',
  '',
  '```js',
  'export function wixEcom_onOrderApproved(event) {}',
  '',
  '// **not bold** `not code`',
  '```',
  '',
].join('\n');

describe('renderRulePage', () => {
  it('without colors (piped): the markdown as written', () => {
    expect(renderRulePage(PAGE, false)).toBe(PAGE);
    expect(renderRulePage('# x', false)).toBe('# x\n');
  });

  it('with colors: headings bold, code spans and blocks cyan without backticks and fences, sibling links as text', () => {
    expect(renderRulePage(PAGE, true).split('\n')).toEqual([
      underline(bold('shared-event')),
      '',
      `${bold('Default severity:')} ${cyan('warning')}`,
      '',
      `See handler-arity and ${cyan('a `quoted` name')}; [Wix](https://dev.wix.com/x.md) stays.`,
      '',
      bold('Example'),
      '',
      `    ${cyan('export function wixEcom_onOrderApproved(event) {}')}`,
      '',
      `    ${cyan('// **not bold** `not code`')}`,
      '',
    ]);
  });
});

describe('unlinkRulePages', () => {
  it('turns links to sibling pages into their text and leaves web links', () => {
    expect(unlinkRulePages('a [parse-error](parse-error.md), [index](README.md), [web](https://example.org/a.md)')).toBe(
      'a parse-error, index, [web](https://example.org/a.md)',
    );
  });
});
