import fc from 'fast-check';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { aggregate } from '../aggregate';
import type { Diagnostic } from '../model';
import { encodeFileText } from './file-text';
import { planWorkspaceFixes } from './plan-workspace-fixes';

/** Statements events files are made of: every form --fix handles, refuses or leaves, and clashes between them. */
const FRAGMENTS = [
  'export function wixBiling_onInvoicePaid(event) {}',
  'export function wixBillng_onInvoicePaid(event) {}',
  'export function wixBilling_onInvoicePaid(event) {}',
  'export const wixStores_onNewOrdr = async (event) => event;',
  'const sent = (e) => e; export { sent as wixBilling_onInvoiceSnt };',
  "export { onOrderPaid as wixEcom_onOrderPaymentStatusUpdated, helper } from '@velo/orders-backend';",
  "import { onNewOrder } from '@velo/orders-backend';",
  'export { onNewOrder as wixEcom_onOrderApproved };',
  "export const wixEcom_onOrderCreated = makeHandler('orders'); // at load",
  'export let wixEcom_onOrderUpdated = registry.onOrderUpdated;',
  'export const wixCrm = { onContactCreated(event) {}, onContactDeleted: (event) => {}, *onFormSubmit(event) {} };',
  'export const handlerMap = { wixCrm_onContactUpdated(event) {} };',
  'module.exports.wixBilling_onInvoiceCreated = function (event) {};',
  'exports.wixBilling_onInvoiceSent = (event) => event;',
  "exports['wixStores_onOrderPaid'] = makeHandler('paid');",
  'exports.wixStores_onOrdrPaid = function (event) {};',
  'module.exports.wixStores_onCartCreated = 5;',
  'export default function (event) {}',
  "export * from '@velo/loyalty-backend';",
  "export * from './helpers.js';",
  'function notify(wixBilling_onInvoicePaid) { return wixBiling_onInvoicePaid(wixBilling_onInvoicePaid); }',
  'const table = { wixStores_onNewOrdr, wixEcom_onOrderCreated };',
  'export { table };',
  '/* export const wixEcom_onOrderCanceled = make(); */',
  '',
];

const HEADER = "import { makeHandler, registry } from './factory.js';";

function errorsByCode(diagnostics: readonly Diagnostic[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) if (d.severity === 'error') counts[d.code] = (counts[d.code] ?? 0) + 1;
  return counts;
}

describe('check --fix never makes a file worse', () => {
  let root: string;
  const events = (): string => path.join(root, 'site', 'src', 'backend', 'events.js');
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'velo-events-fix-property-'));
    await mkdir(path.join(root, 'site', 'src', 'backend'), { recursive: true });
    await writeFile(path.join(root, 'package.json'), '{ "name": "ws", "private": true, "workspaces": ["site"] }');
    await writeFile(path.join(root, 'site', 'package.json'), '{ "name": "site", "private": true }');
    await writeFile(path.join(root, 'site', 'wix.config.json'), '{}');
    await writeFile(path.join(root, 'site', 'src', 'backend', 'factory.js'), 'export const makeHandler = (n) => (e) => [n, e];\nexport const registry = {};\n');
    await writeFile(path.join(root, 'site', 'src', 'backend', 'helpers.js'), 'export function wixBilling_onInvoicePaid(event) {}\nexport const wixCrm_onContactCreated = 1;\n');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gains no error-severity diagnostic it did not have, and a second run finds nothing to do', async () => {
    const file = fc.record({
      parts: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 10 }),
      eol: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(file, async ({ parts, eol, bom }) => {
        await writeFile(events(), encodeFileText([HEADER, ...parts, ''].join(eol), bom));
        const before = await aggregate({ root });
        const fixes = await planWorkspaceFixes({ root });
        const after = await aggregate({ root, texts: fixes.texts });

        const gained = Object.entries(errorsByCode(after.report.diagnostics)).filter(
          ([code, count]) => count > (errorsByCode(before.report.diagnostics)[code] ?? 0),
        );
        expect(gained).toEqual([]);
        expect(fixes.withheld).toEqual([]);

        for (const fixed of fixes.files) await writeFile(path.join(root, fixed.file), encodeFileText(fixed.text, fixed.original.bom));
        expect((await planWorkspaceFixes({ root })).files).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 240_000);
});
