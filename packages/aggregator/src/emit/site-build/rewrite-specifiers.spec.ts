import { parse } from 'acorn';
import { rewriteSiteAbsoluteSpecifiers } from './rewrite-specifiers';

/** The module specifiers of a program, in source order, as acorn reads them. */
function specifiersOf(text: string): string[] {
  const program = parse(text, { ecmaVersion: 'latest', sourceType: 'module' });
  return program.body.flatMap((node) => {
    if (
      (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') &&
      node.source
    ) {
      return [String(node.source.value)];
    }
    return [];
  });
}

describe('rewriteSiteAbsoluteSpecifiers', () => {
  it('makes backend/ and public/ specifiers of imports, export-froms and dynamic imports relative to the file', () => {
    const text = [
      "import { addPoints } from 'backend/points';",
      'import config from "backend/config.json" with { type: "json" };',
      "import 'backend/side-effect.js';",
      "import * as templates from 'public/templates.js';",
      "export { pointsFor } from 'backend/points.js';",
      "export * from 'backend/more/handlers';",
      "export * as format from 'public/format';",
      '',
      'export async function wixEcom_onOrderApproved(event) {',
      "  const { audit } = await import('backend/audit.js');",
      '  return audit(event, addPoints, templates, config);',
      '}',
      '',
    ].join('\n');
    expect(rewriteSiteAbsoluteSpecifiers(text, 'backend/events.js')).toBe(
      [
        "import { addPoints } from './points';",
        'import config from "./config.json" with { type: "json" };',
        "import './side-effect.js';",
        "import * as templates from '../public/templates.js';",
        "export { pointsFor } from './points.js';",
        "export * from './more/handlers';",
        "export * as format from '../public/format';",
        '',
        'export async function wixEcom_onOrderApproved(event) {',
        "  const { audit } = await import('./audit.js');",
        '  return audit(event, addPoints, templates, config);',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('walks up from a file in a subfolder and stays put for a sibling', () => {
    const text = [
      "import { a } from 'backend/points';",
      "import { b } from 'backend/sub/sibling.js';",
      "import { c } from 'backend/sub/deeper/leaf.js';",
      "import { d } from 'public/util.js';",
      '',
    ].join('\n');
    expect(rewriteSiteAbsoluteSpecifiers(text, 'backend/sub/helper.js')).toBe(
      [
        "import { a } from '../points';",
        "import { b } from './sibling.js';",
        "import { c } from './deeper/leaf.js';",
        "import { d } from '../../public/util.js';",
        '',
      ].join('\n'),
    );
  });

  it('rewrites the specifiers of a public/ file too', () => {
    expect(rewriteSiteAbsoluteSpecifiers("export { x } from 'public/a/b.js';\nimport y from 'backend/y';\n", 'public/c.js')).toBe(
      "export { x } from './a/b.js';\nimport y from '../backend/y';\n",
    );
  });

  it('leaves every other specifier, string and comment byte for byte', () => {
    const text = [
      '\uFEFF// Header with a look-alike: import x from \'backend/points\';',
      "import wixData from 'wix-data';",
      "import { products } from '@wix/stores';",
      "import { helper } from '@velo/loyalty-backend';",
      "import { a } from './points.js';",
      "import { b } from '../shared/b.js';",
      "import { c } from 'backendish/c.js';",
      "import { d } from 'backend';",
      "import { e } from 'publications/e.js';",
      '/* export * from "backend/points"; */',
      "const notASpecifier = 'backend/points';",
      'const alsoNot = `public/${notASpecifier}`;',
      "const required = typeof require === 'function' ? require('backend/legacy') : null;",
      'export { a, b, c, d, e, wixData, products, helper, notASpecifier, alsoNot, required };',
      '',
    ].join('\n');
    expect(rewriteSiteAbsoluteSpecifiers(text, 'backend/events.js')).toBe(text);
  });

  it('keeps CRLF line endings, tabs, quotes and comments around a rewritten specifier', () => {
    const text =
      "// Loyalty\r\nimport {\r\n\taddPoints, // points\r\n} from /* where */ \"backend/points.js\" ;\r\nexport { addPoints };\r\n";
    expect(rewriteSiteAbsoluteSpecifiers(text, 'backend/events.js')).toBe(
      "// Loyalty\r\nimport {\r\n\taddPoints, // points\r\n} from /* where */ \"./points.js\" ;\r\nexport { addPoints };\r\n",
    );
  });

  it('places the rewrite correctly after a byte order mark and non-ASCII text', () => {
    const text = "\uFEFF// Grüße, 名前 😀\nimport { x } from 'backend/x.js';\nexport { x };\n";
    expect(rewriteSiteAbsoluteSpecifiers(text, 'backend/events.js')).toBe(
      "\uFEFF// Grüße, 名前 😀\nimport { x } from './x.js';\nexport { x };\n",
    );
  });

  it('reads an escaped specifier by its value', () => {
    expect(rewriteSiteAbsoluteSpecifiers("import { x } from 'backend\\u002fx.js';\n", 'backend/events.js')).toBe(
      "import { x } from './x.js';\n",
    );
  });

  it('keeps the file valid when the rewritten path holds the quote the literal uses', () => {
    const rewritten = rewriteSiteAbsoluteSpecifiers(
      "import { x } from 'backend/it\\'s.js';\nimport { y } from \"backend/say \\\"hi\\\".js\";\nexport { x, y };\n",
      'backend/events.js',
    );
    expect(specifiersOf(rewritten)).toEqual(["./it's.js", './say "hi".js']);
  });

  it('rewrites a dynamic import whose specifier is a template without substitutions (a constant too)', () => {
    // Left as is, the package file would load the site's own backend/audit.js in the copy.
    expect(rewriteSiteAbsoluteSpecifiers('export const load = () => import(`backend/audit.js`);\n', 'backend/events.js')).toBe(
      'export const load = () => import(`./audit.js`);\n',
    );
  });

  it('returns a file without site-absolute specifiers unchanged, even when it does not parse', () => {
    const text = 'export function wixEcom_onOrderApproved(event {\n';
    expect(rewriteSiteAbsoluteSpecifiers(text, 'backend/events.js')).toBe(text);
  });
});
