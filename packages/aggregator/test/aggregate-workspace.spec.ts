import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aggregate } from '../src/aggregate';
import type { VeloEventsConfig } from '../src/workspace/config';
import type { Report } from '../src/model';
import { copyFixture, diagnostic, expectReport, fixture, handler, removeFixtureCopies } from './aggregate-fixture';

afterAll(removeFixtureCopies);

const DEFAULT_CONFIG: VeloEventsConfig = { sites: null, packages: null, order: [], rules: {}, catalog: [], stubs: null };

async function reportOf(name: string, config?: VeloEventsConfig): Promise<Report> {
  return (await aggregate({ root: fixture(name), ...(config ? { config } : {}) })).report;
}

describe('aggregate: run order and shared events (SPEC §2 Order)', () => {
  const site = handler('shop', 'site', 'wixEcom_onOrderCreated', 'sites/shop/src/backend/events.js', 1, 1);
  const alpha = handler('@acme/alpha', 'package', 'wixEcom_onOrderCreated', 'packages/alpha/backend/events.js', 1, 1, true);
  const zeta = handler('@acme/zeta', 'package', 'wixEcom_onOrderCreated', 'packages/zeta/backend/events.js', 2, 1);
  const beta = handler('beta-events', 'package', 'wixEcom_onOrderCreated', 'packages/beta/src/backend/events.js', 1, 1);
  const alphaPaid = handler(
    '@acme/alpha',
    'package',
    'wixEcom_onOrderPaymentStatusUpdated',
    'packages/alpha/backend/events.js',
    2,
    1,
  );
  const zetaPaid = handler(
    '@acme/zeta',
    'package',
    'wixEcom_onOrderPaymentStatusUpdated',
    'packages/zeta/backend/events.js',
    3,
    1,
  );
  // Events with one source each: no shared-event.
  const singleSourceEvents = {
    wixEcom_onCartCreated: {
      module: 'wix-ecom-backend',
      event: 'onCartCreated',
      handlers: [handler('shop', 'site', 'wixEcom_onCartCreated', 'sites/shop/src/backend/events.js', 2, 1)],
    },
    wixEcom_onCheckoutCompleted: {
      module: 'wix-ecom-backend',
      event: 'onCheckoutCompleted',
      handlers: [
        handler('beta-events', 'package', 'wixEcom_onCheckoutCompleted', 'packages/beta/src/backend/events.js', 2, 1),
      ],
    },
  };
  const SET_ORDER = 'Set "order" in velo-events.config.json to change it';

  it('default: the site first, then packages by namespace in code-point order ("@acme/…" before "beta-events")', async () => {
    expectReport(await reportOf('shared-and-order'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'shop',
          root: 'sites/shop',
          events: {
            ...singleSourceEvents,
            wixEcom_onOrderCreated: {
              module: 'wix-ecom-backend',
              event: 'onOrderCreated',
              handlers: [site, alpha, zeta, beta],
            },
            wixEcom_onOrderPaymentStatusUpdated: {
              module: 'wix-ecom-backend',
              event: 'onOrderPaymentStatusUpdated',
              handlers: [alphaPaid, zetaPaid],
            },
          },
        },
      ],
      diagnostics: [
        // Two packages, no site handler: reported at the first handler to run.
        diagnostic(
          'shared-event',
          'warning',
          'packages/alpha/backend/events.js',
          2,
          1,
          `\`wixEcom_onOrderPaymentStatusUpdated\` has 2 handlers in site shop; they run in this order: 1. @acme/alpha (packages/alpha/backend/events.js:2:1), 2. @acme/zeta (packages/zeta/backend/events.js:3:1). ${SET_ORDER}`,
        ),
        diagnostic(
          'shared-event',
          'warning',
          'sites/shop/src/backend/events.js',
          1,
          1,
          `\`wixEcom_onOrderCreated\` has 4 handlers in site shop; they run in this order: 1. shop (sites/shop/src/backend/events.js:1:1), 2. @acme/alpha (packages/alpha/backend/events.js:1:1), 3. @acme/zeta (packages/zeta/backend/events.js:2:1), 4. beta-events (packages/beta/src/backend/events.js:1:1). ${SET_ORDER}`,
        ),
      ],
    });
  });

  it('config order: listed namespaces first in that order, still after the site (even when the site is listed); the rest by code point', async () => {
    const config: VeloEventsConfig = { ...DEFAULT_CONFIG, order: ['beta-events', 'shop', '@acme/zeta'] };
    expectReport(await reportOf('shared-and-order', config), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'shop',
          root: 'sites/shop',
          events: {
            ...singleSourceEvents,
            wixEcom_onOrderCreated: {
              module: 'wix-ecom-backend',
              event: 'onOrderCreated',
              handlers: [site, beta, zeta, alpha],
            },
            wixEcom_onOrderPaymentStatusUpdated: {
              module: 'wix-ecom-backend',
              event: 'onOrderPaymentStatusUpdated',
              handlers: [zetaPaid, alphaPaid],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'shared-event',
          'warning',
          'packages/zeta/backend/events.js',
          3,
          1,
          `\`wixEcom_onOrderPaymentStatusUpdated\` has 2 handlers in site shop; they run in this order: 1. @acme/zeta (packages/zeta/backend/events.js:3:1), 2. @acme/alpha (packages/alpha/backend/events.js:2:1). ${SET_ORDER}`,
        ),
        diagnostic(
          'shared-event',
          'warning',
          'sites/shop/src/backend/events.js',
          1,
          1,
          `\`wixEcom_onOrderCreated\` has 4 handlers in site shop; they run in this order: 1. shop (sites/shop/src/backend/events.js:1:1), 2. beta-events (packages/beta/src/backend/events.js:1:1), 3. @acme/zeta (packages/zeta/backend/events.js:2:1), 4. @acme/alpha (packages/alpha/backend/events.js:1:1). ${SET_ORDER}`,
        ),
      ],
    });
  });

  it('config rules: shared-event turned off removes only those diagnostics, not the handlers', async () => {
    const config: VeloEventsConfig = { ...DEFAULT_CONFIG, rules: { 'shared-event': 'off' } };
    expectReport(await reportOf('shared-and-order', config), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'shop',
          root: 'sites/shop',
          events: {
            ...singleSourceEvents,
            wixEcom_onOrderCreated: {
              module: 'wix-ecom-backend',
              event: 'onOrderCreated',
              handlers: [site, alpha, zeta, beta],
            },
            wixEcom_onOrderPaymentStatusUpdated: {
              module: 'wix-ecom-backend',
              event: 'onOrderPaymentStatusUpdated',
              handlers: [alphaPaid, zetaPaid],
            },
          },
        },
      ],
      diagnostics: [],
    });
  });
});

describe('aggregate: namespaces sort by code point, not by locale', () => {
  it('orders @scope/x, Beta, _under, alpha, élan (U+0040 < U+0042 < U+005F < U+0061 < U+00E9) after the site', async () => {
    const rows = [
      handler('site', 'site', 'wixEcom_onOrderCreated', 'site/src/backend/events.js', 1, 1),
      handler('@scope/x', 'package', 'wixEcom_onOrderCreated', 'libs/scope-x/backend/events.js', 1, 1),
      handler('Beta', 'package', 'wixEcom_onOrderCreated', 'libs/beta-upper/backend/events.js', 1, 1),
      handler('_under', 'package', 'wixEcom_onOrderCreated', 'libs/under/backend/events.js', 1, 1),
      handler('alpha', 'package', 'wixEcom_onOrderCreated', 'libs/alpha/backend/events.js', 1, 1),
      handler('élan', 'package', 'wixEcom_onOrderCreated', 'libs/elan/backend/events.js', 1, 1),
    ];
    expectReport(await reportOf('code-point-order'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'site',
          root: 'site',
          events: { wixEcom_onOrderCreated: { module: 'wix-ecom-backend', event: 'onOrderCreated', handlers: rows } },
        },
      ],
      diagnostics: [
        diagnostic(
          'shared-event',
          'warning',
          'site/src/backend/events.js',
          1,
          1,
          '`wixEcom_onOrderCreated` has 6 handlers in site site; they run in this order: 1. site (site/src/backend/events.js:1:1), 2. @scope/x (libs/scope-x/backend/events.js:1:1), 3. Beta (libs/beta-upper/backend/events.js:1:1), 4. _under (libs/under/backend/events.js:1:1), 5. alpha (libs/alpha/backend/events.js:1:1), 6. élan (libs/elan/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
        ),
      ],
    });
  });
});

describe('aggregate: namespace-collision', () => {
  it('reports two packages named alike, and two names with one generated identifier (@acme/a-b, acme-a_b); @acme/a-c does not collide', async () => {
    expectReport(await reportOf('namespace-collision'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'portal',
          root: 'sites/portal',
          events: {
            wixBilling_onInvoicePaid: {
              module: 'wix-billing-backend',
              event: 'onInvoicePaid',
              handlers: [handler('portal', 'site', 'wixBilling_onInvoicePaid', 'sites/portal/src/backend/events.js', 1, 1)],
            },
            wixBlog_onPostCreated: {
              module: 'wix-blog-backend',
              event: 'onPostCreated',
              handlers: [handler('@acme/a-b', 'package', 'wixBlog_onPostCreated', 'packages/a-b/backend/events.js', 1, 1)],
            },
            wixBlog_onPostDeleted: {
              module: 'wix-blog-backend',
              event: 'onPostDeleted',
              handlers: [handler('acme-a_b', 'package', 'wixBlog_onPostDeleted', 'packages/a_b/backend/events.js', 1, 1)],
            },
            wixBlog_onPostUpdated: {
              module: 'wix-blog-backend',
              event: 'onPostUpdated',
              handlers: [handler('@acme/a-c', 'package', 'wixBlog_onPostUpdated', 'packages/a-c/backend/events.js', 1, 1)],
            },
            wixCrm_onContactCreated: {
              module: 'wix-crm-backend',
              event: 'onContactCreated',
              handlers: [
                handler('shared-events', 'package', 'wixCrm_onContactCreated', 'team-a/shared-events/backend/events.js', 1, 1),
              ],
            },
            wixCrm_onContactUpdated: {
              module: 'wix-crm-backend',
              event: 'onContactUpdated',
              handlers: [
                handler('shared-events', 'package', 'wixCrm_onContactUpdated', 'team-b/shared-events/src/backend/events.js', 1, 1),
              ],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'namespace-collision',
          'error',
          'packages/a_b/backend/events.js',
          1,
          1,
          'site portal: namespaces `acme-a_b` (packages/a_b) and `@acme/a-b` (packages/a-b) both become the identifier `acme_a_b` in generated code; rename one package',
        ),
        diagnostic(
          'namespace-collision',
          'error',
          'team-b/shared-events/src/backend/events.js',
          1,
          1,
          'site portal: team-b/shared-events and team-a/shared-events both use the namespace `shared-events`; give each package a unique package.json name',
        ),
      ],
    });
  });
});

describe('aggregate: a site aggregation (what a build of the site reads)', () => {
  it("holds the diagnostics of its own and its members' files and of its table, and its modules' hashes, the same on every read", async () => {
    const { report, sites } = await aggregate({ root: fixture('shared-and-order') });
    expect(sites.map((s) => s.report.name)).toEqual(['shop']);
    const shop = sites[0]!;
    // Every diagnostic of this workspace is the shop's: its own file's and its table's.
    expect(shop.diagnostics).toEqual(report.diagnostics);
    expect(shop.diagnostics.map((d) => d.code)).toEqual(['shared-event', 'shared-event']);
    expect(shop.sources.map((s) => s.file)).toEqual([
      'packages/alpha/backend/events.js',
      'packages/beta/src/backend/events.js',
      'packages/zeta/backend/events.js',
      'sites/shop/src/backend/events.js',
    ]);
    expect(shop.sources.every((s) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
    // Made on first read (check never reads them), then kept.
    expect(shop.diagnostics).toBe(shop.diagnostics);
    expect(shop.sources).toBe(shop.sources);
  });
});

describe('aggregate: workspace membership (SPEC §2)', () => {
  it('shares one package between sites, follows dependencies transitively, gives a site without events.js an empty table, and reports orphans', async () => {
    const common = handler('@acme/common', 'package', 'wixCrm_onContactCreated', 'packages/common/backend/events.js', 1, 1);
    const contactCreated = { module: 'wix-crm-backend', event: 'onContactCreated', handlers: [common] };

    expectReport(await reportOf('workspace-membership'), {
      schemaVersion: 1,
      root: '.',
      // Sorted by name: blog, landing, shop.
      sites: [
        {
          name: 'blog',
          root: 'sites/blog',
          // devDependencies (@acme/dev-only) do not count.
          events: {
            wixBlog_onPostCreated: {
              module: 'wix-blog-backend',
              event: 'onPostCreated',
              handlers: [handler('blog', 'site', 'wixBlog_onPostCreated', 'sites/blog/src/backend/events.js', 1, 1)],
            },
            wixCrm_onContactCreated: contactCreated,
          },
        },
        // No src/backend/events.js and no Velo package reached: an empty table, no diagnostic.
        { name: 'landing', root: 'sites/landing', events: {} },
        {
          name: 'shop',
          root: 'sites/shop',
          events: {
            wixCrm_onContactCreated: contactCreated,
            // shop → @acme/a → @acme/b
            wixEcom_onOrderApproved: {
              module: 'wix-ecom-backend',
              event: 'onOrderApproved',
              handlers: [handler('@acme/b', 'package', 'wixEcom_onOrderApproved', 'packages/b/backend/events.js', 1, 1)],
            },
            wixEcom_onOrderCreated: {
              module: 'wix-ecom-backend',
              event: 'onOrderCreated',
              handlers: [handler('shop', 'site', 'wixEcom_onOrderCreated', 'sites/shop/src/backend/events.js', 1, 1)],
            },
            wixEcom_onOrderUpdated: {
              module: 'wix-ecom-backend',
              event: 'onOrderUpdated',
              handlers: [handler('@acme/a', 'package', 'wixEcom_onOrderUpdated', 'packages/a/backend/events.js', 1, 1)],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'orphan-package',
          'info',
          'packages/dev-only/backend/events.js',
          1,
          1,
          '@acme/dev-only has 1 event handler, which never runs: no site depends on it. Add "@acme/dev-only" to a site\'s package.json dependencies',
        ),
        // Near-miss: a Velo package without handlers is not an orphan (only its export is reported).
        diagnostic(
          'non-handler-export',
          'info',
          'packages/no-handlers/backend/events.js',
          2,
          14,
          '`ready` is not a handler name (`<prefix>_on<Event>`); Velo never calls it.',
        ),
        diagnostic(
          'orphan-package',
          'info',
          'packages/orphan/backend/events.js',
          1,
          1,
          '@acme/orphan has 2 event handlers, which never run: no site depends on it. Add "@acme/orphan" to a site\'s package.json dependencies',
        ),
      ],
    });
  });

  const pnpmReport: Report = {
    schemaVersion: 1,
    root: '.',
    sites: [
      {
        name: 'web',
        root: 'apps/web',
        events: {
          wixMembers_onMemberCreated: {
            module: 'wix-members-backend',
            event: 'onMemberCreated',
            handlers: [handler('web', 'site', 'wixMembers_onMemberCreated', 'apps/web/src/backend/events.js', 1, 1)],
          },
          wixMembers_onMemberUpdated: {
            module: 'wix-members-backend',
            event: 'onMemberUpdated',
            handlers: [
              handler(
                '@acme/reviews',
                'package',
                'wixMembers_onMemberUpdated',
                'velo/group/reviews/src/backend/review-handlers.js',
                1,
                1,
              ),
            ],
          },
        },
      },
    ],
    // tools/outside is not in the globs: no orphan-package for it.
    diagnostics: [],
  };

  it('reads pnpm-workspace.yaml globs; a package with src/backend resolves backend/… against src; packages outside the globs are ignored', async () => {
    expectReport(await reportOf('pnpm-workspace'), pnpmReport);
  });

  it('never looks inside node_modules, dist, build, coverage, .nx, .git or .wix, even where a glob (velo/**) reaches', async () => {
    const root = await copyFixture('pnpm-workspace');
    const copies = [
      'velo/group/reviews/node_modules/@acme/reviews',
      'velo/dist/reviews',
      'velo/build/reviews',
      'velo/coverage/reviews',
      'velo/.nx/cache/reviews',
      'velo/.git/reviews',
      'velo/.wix/reviews',
    ];
    for (const folder of copies) {
      // Same name as the real package (would collide) plus an extra handler (would show up).
      await mkdir(path.join(root, folder, 'backend'), { recursive: true });
      await writeFile(path.join(root, folder, 'package.json'), '{ "name": "@acme/reviews" }\n');
      await writeFile(
        path.join(root, folder, 'backend/events.js'),
        'export function wixMembers_onMemberUpdated(event) {}\nexport function wixMembers_onMemberDeleted(event) {}\n',
      );
    }
    // A built copy of the site (what `build` writes by default) is not a second site.
    const built = path.join(root, 'apps/web/dist/velo-events');
    await mkdir(path.join(built, 'src/backend'), { recursive: true });
    await writeFile(path.join(built, 'package.json'), '{ "name": "web" }\n');
    await writeFile(path.join(built, 'wix.config.json'), '{}\n');
    await writeFile(path.join(built, 'src/backend/events.js'), 'export function wixMembers_onMemberCreated(event) {}\n');

    expectReport((await aggregate({ root })).report, pnpmReport);
  });

  it('a single-site repo: the root is the site (root "."), its Velo packages below it are found without a workspaces field', async () => {
    expectReport(await reportOf('single-site-repo'), {
      schemaVersion: 1,
      root: '.',
      sites: [
        {
          name: 'my-site',
          root: '.',
          events: {
            wixBilling_onInvoicePaid: {
              module: 'wix-billing-backend',
              event: 'onInvoicePaid',
              handlers: [
                handler('my-site', 'site', 'wixBilling_onInvoicePaid', 'src/backend/billing.js', 1, 1),
                handler('@acme/helpers', 'package', 'wixBilling_onInvoicePaid', 'packages/helpers/backend/events.js', 1, 1),
              ],
            },
          },
        },
      ],
      diagnostics: [
        diagnostic(
          'shared-event',
          'warning',
          'src/backend/billing.js',
          1,
          1,
          '`wixBilling_onInvoicePaid` has 2 handlers in site my-site; they run in this order: 1. my-site (src/backend/billing.js:1:1), 2. @acme/helpers (packages/helpers/backend/events.js:1:1). Set "order" in velo-events.config.json to change it',
        ),
      ],
    });
  });
});

describe('aggregate: determinism (SPEC §5)', () => {
  it.each(['workspace-membership', 'unsupported-forms', 'export-forms'])(
    '%s: byte-identical JSON wherever the workspace lies, with relative POSIX paths',
    async (name) => {
      const first = await copyFixture(name);
      const second = await copyFixture(name);
      const inPlace = JSON.stringify((await aggregate({ root: fixture(name) })).report);
      const fromFirst = JSON.stringify((await aggregate({ root: first })).report);
      const fromSecond = JSON.stringify((await aggregate({ root: second })).report);

      expect(fromFirst).toBe(inPlace);
      expect(fromSecond).toBe(inPlace);
      expect(fromFirst.includes(first)).toBe(false);
      expect(fromFirst.includes('\\\\')).toBe(false);
    },
  );
});
