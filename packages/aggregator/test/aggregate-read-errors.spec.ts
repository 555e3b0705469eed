import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aggregate } from '../src/aggregate';
import { copyFixture, diagnostic, expectReport, fixture, handler, removeFixtureCopies } from './aggregate-fixture';

afterAll(removeFixtureCopies);

const CANNOT_LOAD = 'Property assignment expected. — Velo cannot load this file, so none of its exports run';

describe('aggregate: read-error and parse-error lose nothing else (SPEC §4)', () => {
  it('reports a binary events.js, a non-UTF-8 one, a folder named events.js and syntax errors, and still analyzes every other file', async () => {
    const root = await copyFixture('unreadable-files');
    // Files git cannot hold as text: an ELF header (NUL bytes) and Latin-1 "Grüße".
    await writeFile(
      path.join(root, 'packages/binary/backend/events.js'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]),
    );
    await writeFile(
      path.join(root, 'packages/latin1/backend/events.js'),
      Buffer.from("export function wixCrm_onContactUpdated(event) { return 'Gr\u00fc\u00dfe'; }\n", 'latin1'),
    );

    expectReport((await aggregate({ root })).report, {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'storefront',
          root: 'sites/storefront',
          events: {
            // wixCrm_onContactCreated is not here: events.js imports broken-helper.js, which
            // does not parse, so the whole module graph fails to load and runs nothing.
            wixCrm_onContactDeleted: {
              module: 'wix-crm-backend',
              event: 'onContactDeleted',
              handlers: [
                handler('@acme/healthy', 'package', 'wixCrm_onContactDeleted', 'packages/healthy/backend/events.js', 1, 1),
              ],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'read-error',
          'error',
          'packages/binary/backend/events.js',
          1,
          1,
          'packages/binary/backend/events.js is binary (contains NUL bytes)',
        ),
        diagnostic(
          'read-error',
          'error',
          'packages/folder/backend/events.js',
          1,
          1,
          'packages/folder/backend/events.js is a directory',
        ),
        // The healthy package next to the broken ones is still analyzed and reported.
        diagnostic(
          'non-handler-export',
          'info',
          'packages/healthy/backend/events.js',
          2,
          14,
          '`version` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.',
        ),
        diagnostic(
          'read-error',
          'error',
          'packages/latin1/backend/events.js',
          1,
          1,
          'packages/latin1/backend/events.js is not UTF-8 text',
        ),
        diagnostic('parse-error', 'error', 'packages/syntax/backend/events.js', 2, 11, CANNOT_LOAD),
        // A syntax error in a helper the site's events.js re-exports from.
        diagnostic('parse-error', 'error', 'sites/storefront/src/backend/broken-helper.js', 2, 11, CANNOT_LOAD),
      ],
    });
  });

  it('near-miss: UTF-8 with a BOM and non-ASCII text is read, and its handler is located as if the BOM were not there', async () => {
    const root = await copyFixture('unreadable-files');
    // packages/binary keeps no events.js here: a plain workspace package, nothing to read.
    await writeFile(
      path.join(root, 'packages/latin1/backend/events.js'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from("export function wixCrm_onContactUpdated(event) { return 'Gr\u00fc\u00dfe \u2713'; }\n", 'utf8'),
      ]),
    );

    expectReport((await aggregate({ root })).report, {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'storefront',
          root: 'sites/storefront',
          events: {
            // wixCrm_onContactCreated is not here: events.js imports broken-helper.js, which
            // does not parse, so the whole module graph fails to load and runs nothing.
            wixCrm_onContactDeleted: {
              module: 'wix-crm-backend',
              event: 'onContactDeleted',
              handlers: [
                handler('@acme/healthy', 'package', 'wixCrm_onContactDeleted', 'packages/healthy/backend/events.js', 1, 1),
              ],
            },
            wixCrm_onContactUpdated: {
              module: 'wix-crm-backend',
              event: 'onContactUpdated',
              handlers: [
                handler('@acme/latin1', 'package', 'wixCrm_onContactUpdated', 'packages/latin1/backend/events.js', 1, 1),
              ],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'read-error',
          'error',
          'packages/folder/backend/events.js',
          1,
          1,
          'packages/folder/backend/events.js is a directory',
        ),
        diagnostic(
          'non-handler-export',
          'info',
          'packages/healthy/backend/events.js',
          2,
          14,
          '`version` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.',
        ),
        diagnostic('parse-error', 'error', 'packages/syntax/backend/events.js', 2, 11, CANNOT_LOAD),
        diagnostic('parse-error', 'error', 'sites/storefront/src/backend/broken-helper.js', 2, 11, CANNOT_LOAD),
      ],
    });
  });

  it('reports files that parse as JavaScript but are not valid ES modules (TypeScript syntax, `with`, a redeclared const) and keeps their handlers out', async () => {
    // SPEC §4 parse-error: "the file is not a syntactically valid ES module". Each file here is
    // a SyntaxError when loaded as an ES module (type annotations are not JavaScript; module
    // code is strict, so `with` is an early error; so is declaring one const twice), so Velo
    // loads none of its handlers. The message texts are a proposal in the style of the
    // existing parse-error messages; code, file, line and column are the point.
    expectReport((await aggregate({ root: fixture('module-early-errors') })).report, {
      schemaVersion: 1,
      root: '.',
      sites: [{ name: 'typed', root: 'sites/typed', events: {} }],
      diagnostics: [
        diagnostic(
          'parse-error',
          'error',
          'packages/redeclare/backend/events.js',
          2,
          7,
          "Identifier 'retries' has already been declared — this is not a valid ES module, so Velo cannot load this file and none of its exports run",
        ),
        diagnostic(
          'parse-error',
          'error',
          'packages/strict/backend/events.js',
          2,
          3,
          "'with' in strict mode — this is not a valid ES module, so Velo cannot load this file and none of its exports run",
        ),
        diagnostic(
          'parse-error',
          'error',
          'sites/typed/src/backend/events.js',
          1,
          46,
          'Unexpected token — this is not a valid ES module, so Velo cannot load this file and none of its exports run',
        ),
      ],
    });
  });
});
