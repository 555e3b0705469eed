import pc from 'picocolors';

type Colors = ReturnType<typeof pc.createColors>;

/**
 * A rule page (docs/rules/<code>.md) for a terminal, as `rustc --explain` prints one: with
 * colors, headings bold, code spans and blocks cyan without their backticks and fences,
 * links to sibling pages as their text; without (piped), the markdown as written.
 */
export function renderRulePage(markdown: string, color: boolean): string {
  const text = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  if (!color) return text;
  const colors = pc.createColors(true);
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of text.slice(0, -1).split('\n')) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = null;
      else lines.push(line === '' ? '' : `    ${colors.cyan(line)}`);
      continue;
    }
    if (fenceMark !== undefined) {
      fence = fenceMark;
      continue;
    }
    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading !== null) {
      const title = colors.bold(inline(heading[2]!, colors));
      lines.push(heading[1] === '#' ? colors.underline(title) : title);
      continue;
    }
    lines.push(inline(line, colors));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Links to sibling pages (`[parse-error](parse-error.md)`) as their text: the pages are not
 * on the web, and a relative link resolves to nothing outside docs/rules/ (SARIF's help,
 * a terminal). The text names the code, which `velo-events explain` takes.
 */
export function unlinkRulePages(markdown: string): string {
  return markdown.replace(/\[([^\]\n]+)\]\((?![a-z][a-z0-9+.-]*:)[^()\s]+\.md\)/gi, '$1');
}

/**
 * One line's code spans (CommonMark: a run of backticks closed by a run of the same length,
 * so ``a `b` c`` holds backticks) in cyan, and bold text and sibling links outside them.
 */
function inline(line: string, colors: Colors): string {
  const codeSpan = /(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/g;
  let out = '';
  let from = 0;
  for (const match of line.matchAll(codeSpan)) {
    out += prose(line.slice(from, match.index), colors);
    const content = match[2]!;
    const padded = content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '';
    out += colors.cyan(padded ? content.slice(1, -1) : content);
    from = match.index + match[0].length;
  }
  return out + prose(line.slice(from), colors);
}

function prose(text: string, colors: Colors): string {
  return unlinkRulePages(text).replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, (_, strong: string) => colors.bold(strong));
}
