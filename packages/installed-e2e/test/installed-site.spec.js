'use strict';
// velo-events as a Wix site repository gets it: both packages packed, installed from the
// tarballs (offline) into a site made from Wix's Git-integration template (package.json with
// no "name", eslint 8, @wix/eslint-plugin-cli), then used only through that site's own
// node_modules: its `velo-events` and `eslint` bins with the site as the working directory, and
// the Jest harness required from a file inside the site. What `npm pack` leaves out, a missing
// dependency or a path that only holds inside this repository fails here.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { installPacked, TEMPLATE_FILES } = require('../../aggregator/scripts/install-packed.cjs');

const SITE_NAME = 'acme-bikes';
const EVENTS_JS = path.join('src', 'backend', 'events.js');

/** The environment a user's shell gives: no color, nothing of this repository's npm or Node paths. */
const USER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|NODE_PATH$|FORCE_COLOR$|ESLINT_USE_FLAT_CONFIG$|NX_)/i.test(key)),
);
USER_ENV.NO_COLOR = '1';

let site;

beforeAll(() => {
  site = installPacked({ siteName: SITE_NAME });
}, 180_000);

afterAll(() => site?.remove());

function run(bin, args) {
  const result = spawnSync(bin, args, { cwd: site.siteRoot, encoding: 'utf8', env: USER_ENV });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const veloEvents = (...args) => run(site.bin.veloEvents, args);
const eslint = (...args) => run(site.bin.eslint, args);

/** The parsed JSON of a run that must have printed one document; its stderr otherwise. */
function parsed({ stdout, stderr }) {
  try {
    return JSON.parse(stdout);
  } catch (error) {
    throw new Error(`not JSON on stdout; stderr was:\n${stderr}`, { cause: error });
  }
}

/** ESLint's JSON output as `file:line:column severity rule message` lines, paths relative to the site. */
function eslintLines(results) {
  return results.flatMap((result) =>
    result.messages.map(
      (m) => `${path.relative(site.siteRoot, result.filePath)}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId} ${m.message}`,
    ),
  );
}

/** Runs `body` with the site's files changed as given (path → text, or null to remove), then puts the template back. */
function withFiles(files, body) {
  const saved = Object.keys(files).map((relative) => {
    const file = path.join(site.siteRoot, relative);
    return [file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null];
  });
  try {
    for (const [relative, text] of Object.entries(files)) {
      const file = path.join(site.siteRoot, relative);
      if (text === null) fs.rmSync(file);
      else fs.writeFileSync(file, text);
    }
    return body();
  } finally {
    for (const [file, text] of saved) {
      if (text === null) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, text);
    }
  }
}

const MISSPELLED = TEMPLATE_FILES['src/backend/events.js'].replace('wixCrm_onFormSubmit', 'wixCrm_onFormSubmitt');
/** A read of a field the form-submit event does not have (issue 25): `contactId` is documented. */
const MISREAD = TEMPLATE_FILES['src/backend/events.js'].replace('event.contactId', 'event.contactID');
const MISREAD_MESSAGE =
  "`event.contactID`: wixCrm_onFormSubmit's event is { attachments, contactId, formName, submissionData, submissionTime }; did you mean `contactId`?";

const FORM_SUBMISSION = {
  contactId: 'contact-7',
  formName: 'Test ride',
  submissionTime: '2026-03-01T12:00:00.000Z',
  submissionData: [
    { fieldName: 'email', fieldValue: 'rider@example.com' },
    { fieldName: 'bike', fieldValue: 'Gravel 2' },
  ],
  attachments: [],
};

describe('the installed packages', () => {
  test('are copies unpacked from the tarballs into the site, not links into this repository', () => {
    const installed = (name) => fs.realpathSync(path.join(site.siteRoot, 'node_modules', ...name.split('/')));
    for (const name of ['@velo-events/aggregator', '@velo-events/eslint-plugin', 'eslint', '@wix/eslint-plugin-cli']) {
      expect(installed(name).startsWith(`${fs.realpathSync(site.siteRoot)}${path.sep}`)).toBe(true);
    }
    const manifest = (name) => JSON.parse(fs.readFileSync(path.join(installed(name), 'package.json'), 'utf8'));
    expect(manifest('@velo-events/aggregator').version).toBe('0.1.0');
    expect(manifest('@velo-events/eslint-plugin').version).toBe('0.1.0');
    expect(manifest('eslint').version).toMatch(/^8\./);
    // As Wix writes it: no name.
    expect(JSON.parse(fs.readFileSync(path.join(site.siteRoot, 'package.json'), 'utf8')).name).toBeUndefined();
  });
});

describe('velo-events check', () => {
  test('passes the clean template: exit 0, its one handler in the table, no diagnostics', () => {
    const result = veloEvents('check', '--format', 'json');
    expect(result.status).toBe(0);
    expect(parsed(result)).toEqual({
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: SITE_NAME,
          root: '.',
          events: {
            wixCrm_onFormSubmit: {
              module: 'wix-crm-backend',
              event: 'onFormSubmit',
              handlers: [
                {
                  namespace: SITE_NAME,
                  kind: 'site',
                  export: 'wixCrm_onFormSubmit',
                  file: 'src/backend/events.js',
                  line: 4,
                  column: 1,
                  async: true,
                },
              ],
            },
          },
        },
      ],
      diagnostics: [],
    });
  });

  test('warns of a misspelled handler at its name, with the documented one to write instead (exit 0)', () => {
    withFiles({ [EVENTS_JS]: MISSPELLED }, () => {
      const result = veloEvents('check', '--format', 'json');
      expect(result.status).toBe(0);
      expect(parsed(result).diagnostics).toEqual([
        {
          code: 'unknown-event',
          severity: 'warning',
          file: 'src/backend/events.js',
          line: 4,
          column: 23,
          message:
            '`wixCrm_onFormSubmitt`: the prefix `wixCrm` has no event `onFormSubmitt`; Velo never calls this function. Did you mean `wixCrm_onFormSubmit`?',
          suggestion: 'wixCrm_onFormSubmit',
        },
      ]);
    });
  });

  test('warns of a read of a field the event does not have, with the documented name (exit 0)', () => {
    withFiles({ [EVENTS_JS]: MISREAD }, () => {
      const result = veloEvents('check', '--format', 'json');
      expect(result.status).toBe(0);
      expect(parsed(result).diagnostics).toEqual([
        { code: 'event-field', severity: 'warning', file: 'src/backend/events.js', line: 5, column: 62, message: MISREAD_MESSAGE, suggestion: 'contactId' },
      ]);
    });
  });

  test('fails on an error: `export default` (exit 1)', () => {
    const text = [
      "import { describeSubmission } from 'backend/forms';",
      '',
      'export default function onFormSubmit(event) {',
      '  return describeSubmission(event);',
      '}',
      '',
    ].join('\n');
    withFiles({ [EVENTS_JS]: text }, () => {
      const result = veloEvents('check', '--format', 'json');
      expect(result.status).toBe(1);
      expect(parsed(result).diagnostics).toEqual([
        {
          code: 'unsupported-export',
          severity: 'error',
          file: 'src/backend/events.js',
          line: 3,
          column: 1,
          message:
            'Velo does not support `export default` in events.js and never calls a default export; export each handler as a named function: `export function <prefix>_on<Event>(event) { … }`',
        },
      ]);
    });
  });
});

describe('velo-events explain', () => {
  test('prints a rule page from the installed package (docs/rules ships in the tarball)', () => {
    const result = veloEvents('explain', 'unknown-event');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(fs.readFileSync(path.join(__dirname, '..', '..', 'aggregator', 'docs', 'rules', 'unknown-event.md'), 'utf8'));
  });
});

describe('eslint . (ESLint 8, .eslintrc.json extending plugin:@wix/cli/recommended and plugin:@velo-events/recommended)', () => {
  test('says nothing of the clean template', () => {
    const result = eslint('--format', 'json', '.');
    expect(result.status).toBe(0);
    expect(eslintLines(parsed(result))).toEqual([]);
  });

  test('reports the misspelled handler where check does, with a suggestion of the documented name', () => {
    withFiles({ [EVENTS_JS]: MISSPELLED }, () => {
      const result = eslint('--format', 'json', '.');
      expect(result.status).toBe(0);
      const output = parsed(result);
      expect(eslintLines(output)).toEqual([
        'src/backend/events.js:4:23 warning @velo-events/unknown-event `wixCrm_onFormSubmitt`: the prefix `wixCrm` has no event `onFormSubmitt`; Velo never calls this function. Did you mean `wixCrm_onFormSubmit`?',
      ]);
      expect(output.flatMap((r) => r.messages).flatMap((m) => m.suggestions.map((s) => s.desc))).toEqual([
        'renamed `wixCrm_onFormSubmitt` to `wixCrm_onFormSubmit`',
      ]);
    });
  });
});

describe('eslint . and event-field', () => {
  test('reports the read where check does, with a suggestion that renames it and keeps the rest', () => {
    withFiles({ [EVENTS_JS]: MISREAD }, () => {
      const result = eslint('--format', 'json', '.');
      expect(result.status).toBe(0);
      const output = parsed(result);
      expect(eslintLines(output)).toEqual([`src/backend/events.js:5:62 warning @velo-events/event-field ${MISREAD_MESSAGE}`]);
      const [suggestion] = output.flatMap((r) => r.messages).flatMap((m) => m.suggestions);
      expect(suggestion.desc).toBe('Read `contactId` instead of `contactID`');
      const fixed = MISREAD.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + MISREAD.slice(suggestion.fix.range[1]);
      expect(fixed).toBe(TEMPLATE_FILES['src/backend/events.js']);
    });
  });
});

describe('running handlers locally', () => {
  test('velo-events trigger runs the handler with a sample event and records its wix-data call (exit 0)', () => {
    const result = veloEvents('trigger', 'wixCrm_onFormSubmit', '--format', 'json');
    expect(result.status).toBe(0);
    expect(parsed(result)).toEqual({
      event: 'wixCrm_onFormSubmit',
      payload: { source: 'sample', warnings: [] },
      handlers: [{ label: `${SITE_NAME}:wixCrm_onFormSubmit`, namespace: SITE_NAME, status: 'ran', durationMs: expect.any(Number), output: [], missingReads: [] }],
      calls: [
        {
          module: 'wix-data',
          method: 'insert',
          args: ['FormSubmissions', { contactId: '6e67b796-ceb5-42c5-8e85-7447f0f15fdf', summary: 'sample formName: 1 field(s) from 6e67b796-ceb5-42c5-8e85-7447f0f15fdf' }],
        },
      ],
      ok: true,
    });
  });

  test('velo-events trigger prints the handler\'s row and its stub call', () => {
    const result = veloEvents('trigger', 'wixCrm_onFormSubmit');
    expect(result.status).toBe(0);
    const lines = result.stdout.replace(/\d+(\.\d+)? ms$/gm, '<ms>').split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^wixCrm_onFormSubmit in site \S+: 1 handler in run order$/),
      '  no --payload: a sample event made from the documented type (velo-events sample wixCrm_onFormSubmit prints it)',
      expect.stringMatching(/^  ✔ \S+:wixCrm_onFormSubmit +ran +<ms>$/),
      '  stub wix-data.insert("FormSubmissions", {"contactId":"6e67b796-ceb5-42c5-8e85-7447f0f15fdf","summary":"sample formName: 1 field(s) from 6e67b796-ceb5-42c5-8e85-7447f0f15fdf"})',
      'all handlers ran',
      '',
    ]);
  });

  test('velo-events sample prints the event\'s documented shape as JSON', () => {
    const result = veloEvents('sample', 'wixCrm_onFormSubmit');
    expect(result.status).toBe(0);
    expect(parsed(result)).toEqual({
      contactId: '6e67b796-ceb5-42c5-8e85-7447f0f15fdf',
      formName: 'sample formName',
      submissionTime: '2026-01-15T10:30:00.000Z',
      submissionData: [{ fieldName: 'sample fieldName', fieldValue: '10.00' }],
      attachments: [{ name: 'sample name', type: 'sample type', url: 'https://example.com/url' }],
    });
  });

  test('the Jest harness, required from a file in the site: loadSite + emit with a payload', () => {
    const script = [
      "const { loadSite } = require('@velo-events/aggregator/testing');",
      '',
      'loadSite({ root: __dirname }).then(async (site) => {',
      `  const result = await site.emit('wixCrm_onFormSubmit', ${JSON.stringify(FORM_SUBMISSION)});`,
      '  process.stdout.write(JSON.stringify({ events: site.events, result }));',
      '});',
      '',
    ].join('\n');
    withFiles({ 'emit-form-submit.js': script }, () => {
      const result = run(process.execPath, ['emit-form-submit.js']);
      expect(result.status).toBe(0);
      expect(parsed(result)).toEqual({
        events: ['wixCrm_onFormSubmit'],
        result: {
          event: 'wixCrm_onFormSubmit',
          payload: { source: 'given', warnings: [] },
          handlers: [{ label: `${SITE_NAME}:wixCrm_onFormSubmit`, namespace: SITE_NAME, status: 'ran', durationMs: expect.any(Number), output: [], missingReads: [] }],
          calls: [{ module: 'wix-data', method: 'insert', args: ['FormSubmissions', { contactId: 'contact-7', summary: 'Test ride: 2 field(s) from contact-7' }] }],
          ok: true,
        },
      });
    });
  });
});

describe('velo-events build', () => {
  test('writes the manifest and a deployable copy that check passes', () => {
    const out = path.join(site.siteRoot, 'dist');
    try {
      const build = veloEvents('build');
      expect(build.status).toBe(0);
      const copy = path.join('dist', 'velo-events', 'site');
      expect(fs.existsSync(path.join(site.siteRoot, 'dist', 'velo-events', 'dispatch-manifest.json'))).toBe(true);
      const check = veloEvents('check', '--root', copy, '--format', 'json');
      expect(check.status).toBe(0);
      const report = parsed(check);
      expect(report.diagnostics).toEqual([]);
      expect(Object.keys(report.sites[0].events)).toEqual(['wixCrm_onFormSubmit']);
    } finally {
      // ESLint 8 would lint the copy too.
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

// These two depend on work landing at the same time as this test (issue #24): the
// `ignored-events-file` diagnostic, and a site without "name" named after its folder.
describe('work in progress elsewhere: ignored-events-file, a nameless site named after its folder', () => {
  test('check reports handlers in src/backend/events.ts, which Velo never reads (ignored-events-file)', () => {
    const ts = [
      'interface FormSubmission {',
      '  contactId: string;',
      '}',
      '',
      'export function wixCrm_onFormSubmit(event: FormSubmission): void {',
      '  console.log(event.contactId);',
      '}',
      '',
    ].join('\n');
    withFiles({ [EVENTS_JS]: null, 'src/backend/events.ts': ts }, () => {
      const result = veloEvents('check', '--format', 'json');
      expect(result.status).toBe(0);
      expect(parsed(result).diagnostics).toEqual([
        {
          code: 'ignored-events-file',
          severity: 'warning',
          file: 'src/backend/events.ts',
          line: 5,
          column: 17,
          message:
            '`wixCrm_onFormSubmit` in src/backend/events.ts is never called: Velo reads backend event handlers only from src/backend/events.js; export it from there',
        },
      ]);
    });
  });

  test('the site is named after its folder in check, list and trigger, never `.`', () => {
    const check = parsed(veloEvents('check', '--format', 'json'));
    expect(check.sites.map((s) => [s.name, s.root])).toEqual([[SITE_NAME, '.']]);
    expect(check.sites[0].events.wixCrm_onFormSubmit.handlers.map((h) => h.namespace)).toEqual([SITE_NAME]);

    const list = veloEvents('list');
    expect(list.status).toBe(0);
    expect(list.stdout).toBe(
      [`${SITE_NAME} (.)`, '  wixCrm_onFormSubmit  wix-crm-backend', `    1. ${SITE_NAME}  src/backend/events.js:4:1  async`, ''].join('\n'),
    );

    const trigger = veloEvents('trigger', 'wixCrm_onFormSubmit');
    expect(trigger.status).toBe(0);
    const lines = trigger.stdout.split('\n');
    expect(lines[0]).toBe(`wixCrm_onFormSubmit in site ${SITE_NAME}: 1 handler in run order`);
    expect(lines[2]).toMatch(new RegExp(`^  ✔ ${SITE_NAME}:wixCrm_onFormSubmit +ran `));
  });
});
