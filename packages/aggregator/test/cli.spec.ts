import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as aggregateModule from '../src/aggregate';
import * as packageLinksModule from '../src/base/package-links';
import { main } from '../src/cli/main';
import { ALL_CODES, CODES } from '../src/validate/codes';

const FIXTURES = path.join(__dirname, 'fixtures', 'cli');
const SHOP = path.join(FIXTURES, 'shop');

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith(false, argv);
}

async function runWith(color: boolean, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color,
    readStdin: async () => '',
  });
  return { code, stdout, stderr };
}

/** `fn`'s result with `dir` as the working directory, which is restored afterwards. */
async function inDirectory<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(before);
  }
}

describe('velo-events check', () => {
  it('prints diagnostics grouped by file with a summary, and exits 1 on an error', async () => {
    const result = await run('check', '--root', SHOP);
    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'sites/store/src/backend/events.js',
        '  sites/store/src/backend/events.js:3:1   warning  `wixBilling_onInvoicePaid` has 2 handlers in site store; they run in this order: 1. store (sites/store/src/backend/events.js:3:1), 2. @shop/loyalty (libs/loyalty/backend/events.js:1:1). Set "order" in velo-events.config.json to change it  shared-event',
        '    > 3 | export function wixBilling_onInvoicePaid(event) {',
        '        | ^',
        '',
        '  sites/store/src/backend/events.js:7:17  warning  `wixBiling_onInvoicePaid`: no Velo module uses the prefix `wixBiling`; Velo never calls this function. Did you mean `wixBilling_onInvoicePaid`?  unknown-module',
        '    > 7 | export function wixBiling_onInvoicePaid(event) {}',
        '        |                 ^',
        '',
        '  sites/store/src/backend/events.js:9:14  error    `wixEcom_onOrderApproved` is bound to a number, not a function; Velo can only call a function. Write `export function wixEcom_onOrderApproved(event) { … }`  not-a-function',
        '    > 9 | export const wixEcom_onOrderApproved = 42;',
        '        |              ^',
        '',
        '→ velo-events explain not-a-function',
        '→ velo-events explain shared-event',
        '→ velo-events explain unknown-module',
        '',
        '✖ 1 error, 2 warnings, 0 infos (1 site, 3 handlers)',
        '',
      ].join('\n'),
    });
  });

  it('prints exactly one JSON document of shared/SPEC.md §5 with --format json', async () => {
    const result = await run('check', '--root', SHOP, '--format', 'json');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(result.stdout)).toEqual({
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'store',
          root: 'sites/store',
          events: {
            wixBiling_onInvoicePaid: {
              module: null,
              event: 'onInvoicePaid',
              handlers: [
                { namespace: 'store', kind: 'site', export: 'wixBiling_onInvoicePaid', file: 'sites/store/src/backend/events.js', line: 7, column: 1, async: false },
              ],
            },
            wixBilling_onInvoicePaid: {
              module: 'wix-billing-backend',
              event: 'onInvoicePaid',
              handlers: [
                { namespace: 'store', kind: 'site', export: 'wixBilling_onInvoicePaid', file: 'sites/store/src/backend/events.js', line: 3, column: 1, async: false },
                { namespace: '@shop/loyalty', kind: 'package', export: 'wixBilling_onInvoicePaid', file: 'libs/loyalty/backend/events.js', line: 1, column: 1, async: true },
              ],
            },
          },
        },
      ],
      diagnostics: [
        {
          code: 'shared-event',
          severity: 'warning',
          file: 'sites/store/src/backend/events.js',
          line: 3,
          column: 1,
          message:
            '`wixBilling_onInvoicePaid` has 2 handlers in site store; they run in this order: 1. store (sites/store/src/backend/events.js:3:1), 2. @shop/loyalty (libs/loyalty/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
        },
        {
          code: 'unknown-module',
          severity: 'warning',
          file: 'sites/store/src/backend/events.js',
          line: 7,
          column: 17,
          message:
            '`wixBiling_onInvoicePaid`: no Velo module uses the prefix `wixBiling`; Velo never calls this function. Did you mean `wixBilling_onInvoicePaid`?',
          suggestion: 'wixBilling_onInvoicePaid',
        },
        {
          code: 'not-a-function',
          severity: 'error',
          file: 'sites/store/src/backend/events.js',
          line: 9,
          column: 14,
          message:
            '`wixEcom_onOrderApproved` is bound to a number, not a function; Velo can only call a function. Write `export function wixEcom_onOrderApproved(event) { … }`',
        },
      ],
    });
  });

  it('keys every object in the order of shared/SPEC.md §5', async () => {
    const { stdout } = await run('check', '--root', SHOP, '--format', 'json');
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'root', 'sites', 'diagnostics']);
    expect(Object.keys(report.sites[0])).toEqual(['name', 'root', 'events']);
    expect(Object.keys(report.sites[0].events.wixBilling_onInvoicePaid)).toEqual(['module', 'event', 'handlers']);
    expect(Object.keys(report.sites[0].events.wixBilling_onInvoicePaid.handlers[0])).toEqual([
      'namespace', 'kind', 'export', 'file', 'line', 'column', 'async',
    ]);
    expect(Object.keys(report.diagnostics[1])).toEqual([
      'code', 'severity', 'file', 'line', 'column', 'message', 'suggestion',
    ]);
  });

  it('gives byte-identical output on reruns', async () => {
    const first = await run('check', '--root', SHOP, '--format', 'json');
    const second = await run('check', '--root', SHOP, '--format', 'json');
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('a workspace built to trip every diagnostic code', () => {
  it('reports each code of shared/SPEC.md §4 at its place, and exits 1', async () => {
    const { code, stdout, stderr } = await run('check', '--root', path.join(FIXTURES, 'every-code'), '--format', 'json');
    const report = JSON.parse(stdout) as { diagnostics: { code: string; file: string; line: number; column: number }[] };
    const places = report.diagnostics.map((d) => `${d.code}@${d.file}:${d.line}:${d.column}`);
    expect({ code, stderr, places }).toEqual({
      code: 1,
      stderr: '',
      places: [
        'namespace-collision@libs/a_b/backend/events.js:1:1',
        'read-error@libs/broken/backend/events.js:1:1',
        'namespace-collision@libs/crm-copy/backend/events.js:1:1',
        'unsupported-export@libs/legacy/backend/events.js:1:1',
        'unresolved-import@libs/links/backend/events.js:1:10',
        'duplicate-export@libs/twice/backend/events.js:4:19',
        'orphan-package@libs/unused/backend/events.js:1:1',
        'outside-root-pattern@package.json:1:83',
        'parse-error@sites/blog/src/backend/events.js:2:16',
        'shared-event@sites/shop/src/backend/events.js:5:1',
        'event-field@sites/shop/src/backend/events.js:6:34',
        'unknown-event@sites/shop/src/backend/events.js:9:17',
        'deprecated-event@sites/shop/src/backend/events.js:11:17',
        'handler-arity@sites/shop/src/backend/events.js:11:46',
        'unsupported-export@sites/shop/src/backend/events.js:13:23',
        'not-a-function@sites/shop/src/backend/events.js:15:14',
        'misplaced-hook@sites/shop/src/backend/events.js:17:17',
        'non-handler-export@sites/shop/src/backend/events.js:21:17',
        'sdk-registration@sites/shop/src/backend/events.js:25:1',
        'unknown-module@sites/shop/src/backend/events.js:27:14',
        'ignored-events-file@sites/shop/src/backend/events.ts:1:17',
      ],
    });
    expect([...new Set(report.diagnostics.map((d) => d.code))].sort()).toEqual(ALL_CODES);
  });
});

describe('Velo code copied out of the editor (no package.json, no wix.config.json)', () => {
  it('is one site named after its folder when it is the root', async () => {
    expect(await run('list', '--root', path.join(FIXTURES, 'copied-code', 'wix'))).toEqual({
      code: 0,
      stderr: '',
      stdout: ['wix (.)', '  wixCrm_onContactCreated  wix-crm-backend', '    1. wix  backend/events.js:2:1', ''].join('\n'),
    });
  });
});

describe('velo-events list', () => {
  it("prints each site's events with handlers in run order", async () => {
    expect(await run('list', '--root', SHOP)).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'store (sites/store)',
        '  wixBiling_onInvoicePaid  (not in the Velo catalog)',
        '    1. store  sites/store/src/backend/events.js:7:1',
        '  wixBilling_onInvoicePaid  wix-billing-backend',
        '    1. store          sites/store/src/backend/events.js:3:1',
        '    2. @shop/loyalty  libs/loyalty/backend/events.js:1:1  async',
        '',
      ].join('\n'),
    });
  });
});

describe('usage and config errors: exit 2, one line on stderr, nothing on stdout', () => {
  it.each<[string, string[], string]>([
    [
      'an invalid config',
      ['check', '--root', path.join(FIXTURES, 'bad-config')],
      'velo-events: velo-events.config.json: /rules/shared-event: expected one of error, warning, info, off; got "loud"\n',
    ],
    [
      'an unknown format',
      ['check', '--root', SHOP, '--format', 'xml'],
      "velo-events: option '--format <format>' argument 'xml' is invalid. Allowed choices are pretty, json, sarif, github. (see velo-events --help)\n",
    ],
    ['an unknown option', ['check', '--nope'], "velo-events: unknown option '--nope' (see velo-events --help)\n"],
    ['an unknown command', ['chek'], "velo-events: unknown command 'chek' (Did you mean check?) (see velo-events --help)\n"],
    ['an unknown site', ['list', '--root', SHOP, '--site', 'x'], "velo-events: unknown site 'x' (sites: store)\n"],
    [
      'no site and no Velo package, with events.js found below (Velo code copied out of the editor)',
      ['check', '--root', path.join(FIXTURES, 'copied-code')],
      'velo-events: no site or Velo package in copied-code: a site is a package with wix.config.json (its handlers in src/backend/events.js), a Velo package one with backend/events.js or src/backend/events.js; found events.js at wix/backend/events.js, which none of them holds — run with --root copied-code/wix, or name their folders in velo-events.config.json "sites" or "packages"\n',
    ],
    [
      'no site, no Velo package and no events.js at all',
      ['list', '--root', path.join(FIXTURES, 'nothing-here')],
      'velo-events: no site or Velo package in nothing-here, and no events.js below it: a site is a package with wix.config.json (its handlers in src/backend/events.js), a Velo package one with backend/events.js or src/backend/events.js; run velo-events where they are, or pass --root\n',
    ],
    [
      'a build of Velo code copied out of the editor',
      ['build', '--root', path.join(FIXTURES, 'copied-code', 'wix')],
      'velo-events: site wix has no package.json: Velo code copied out of the editor can be checked, listed and triggered, but a build needs a Git-integrated site (package.json, wix.config.json, src/backend/events.js)\n',
    ],
  ])('%s', async (_, argv, stderr) => {
    // Messages show the root relative to the working directory; pin it, whatever folder Jest runs in.
    expect(await inDirectory(FIXTURES, () => run(...argv))).toEqual({ code: 2, stdout: '', stderr });
  });

  it('a root that does not exist', async () => {
    const result = await run('check', '--root', path.join(FIXTURES, 'missing'));
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `velo-events: workspace root ${path.join(FIXTURES, 'missing')} does not exist or cannot be read\n`,
    });
  });
});

describe('velo-events explain', () => {
  const ESC = '\u001b';
  const page = (code: string): string => readFileSync(path.join(__dirname, '..', 'docs', 'rules', `${code}.md`), 'utf8');

  it("prints a code's rule page from the package, as written when stdout takes no colors (piped)", async () => {
    const result = await run('explain', 'unknown-event');
    expect(result).toEqual({ code: 0, stderr: '', stdout: page('unknown-event') });
    expect(result.stdout.split('\n').slice(0, 6)).toEqual([
      '# unknown-event',
      '',
      '**Default severity:** `warning`',
      '',
      'A handler-shaped export name with a known prefix but an event the catalog does not list',
      'for that prefix.',
    ]);
  });

  it('renders the page for a terminal that takes colors: headings bold, code cyan, no fences', async () => {
    const result = await runWith(true, ['explain', 'unknown-event']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 8)).toEqual([
      `${ESC}[4m${ESC}[1munknown-event${ESC}[22m${ESC}[24m`,
      '',
      `${ESC}[1mDefault severity:${ESC}[22m ${ESC}[36mwarning${ESC}[39m`,
      '',
      'A handler-shaped export name with a known prefix but an event the catalog does not list',
      'for that prefix.',
      '',
      `${ESC}[1mWhat triggers it${ESC}[22m`,
    ]);
    expect(result.stdout).toContain(`\n    ${ESC}[36mexport function wixBookingsV2_onBookingConfirmed(event) { /* … */ }${ESC}[39m\n`);
    expect(result.stdout).not.toContain('```');
  });

  it('takes the code as an ESLint rule or a SARIF rule id names it, in any case', async () => {
    const expected = { code: 0, stderr: '', stdout: page('shared-event') };
    expect(await run('explain', '@velo-events/shared-event')).toEqual(expected);
    expect(await run('explain', 'velo-events/Shared-Event')).toEqual(expected);
  });

  it('an unknown code is a usage error: exit 2, one line on stderr with the nearest code', async () => {
    expect(await run('explain', 'unknwn-event')).toEqual({
      code: 2,
      stdout: '',
      stderr: "velo-events: unknown diagnostic code 'unknwn-event'; did you mean 'unknown-event'? (velo-events explain lists every code)\n",
    });
    expect((await run('explain', 'shared\nevent')).stderr).toBe(
      "velo-events: unknown diagnostic code 'shared\\u000aevent'; did you mean 'shared-event'? (velo-events explain lists every code)\n",
    );
  });

  it('without a code, lists every code with its default severity and summary', async () => {
    const rows: [string, string][] = [
      ['deprecated-event', 'warning'],
      ['duplicate-export', 'error'],
      ['event-field', 'warning'],
      ['handler-arity', 'warning'],
      ['ignored-events-file', 'warning'],
      ['misplaced-hook', 'warning'],
      ['namespace-collision', 'error'],
      ['non-handler-export', 'info'],
      ['not-a-function', 'error'],
      ['orphan-package', 'info'],
      ['outside-root-pattern', 'warning'],
      ['parse-error', 'error'],
      ['read-error', 'error'],
      ['sdk-registration', 'warning'],
      ['shared-event', 'warning'],
      ['unknown-event', 'warning'],
      ['unknown-module', 'warning'],
      ['unresolved-import', 'error'],
      ['unsupported-export', 'error'],
    ];
    expect(await run('explain')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Diagnostic codes, with their default severity ("rules" in velo-events.config.json changes it):',
        '',
        ...rows.map(([code, severity]) => `  ${code.padEnd(20)}  ${severity.padEnd(7)}  ${CODES[code as keyof typeof CODES].summary}`),
        '',
        "velo-events explain <code> prints a code's rule page.",
        '',
      ].join('\n'),
    });
  });
});

describe('internal errors', () => {
  afterEach(() => jest.restoreAllMocks());

  it('exit 3 with the stack and a request to report it', async () => {
    jest.spyOn(aggregateModule, 'aggregate').mockRejectedValue(new Error('boom'));
    const result = await run('check', '--root', SHOP, '--no-cache');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    // package.json names no `bugs` URL, and none is made up (issue #24).
    expect(result.stderr).toMatch(/^velo-events: internal error — this is a bug, please report it with this stack trace:\nError: boom\n {4}at /);
  });

  it('names the package.json `bugs` URL when there is one', async () => {
    jest.spyOn(aggregateModule, 'aggregate').mockRejectedValue(new Error('boom'));
    jest.spyOn(packageLinksModule, 'readPackageLinks').mockReturnValue({ homepage: undefined, bugs: 'https://example.org/velo-events/issues' });
    const result = await run('check', '--root', SHOP, '--no-cache');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^velo-events: internal error — this is a bug, please report it at https:\/\/example\.org\/velo-events\/issues with this output:\nError: boom\n {4}at /);
  });
});

describe('the velo-events bin', () => {
  it('runs the built CLI as a process with the same output and exit code', () => {
    const bin = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
    const result = spawnSync(process.execPath, [bin, 'check', '--root', SHOP, '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).sites[0].name).toBe('store');
  });

  it('prints help with both commands and exits 0', () => {
    const bin = path.join(__dirname, '..', 'bin', 'velo-events.cjs');
    const result = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: velo-events \[options\] \[command\]/);
    expect(result.stdout).toMatch(/\n {2}check \[options\] +analyze every events\.js/);
    expect(result.stdout).toMatch(/\n {2}list \[options\] +print each site's dispatch table/);
    expect(result.stdout).toMatch(/\n {2}explain \[code\] +print a diagnostic code's rule page;/);
  });
});
