import type { Finding, WorkspacePackage } from '../model';
import { ignoredEventsFileFindings } from './ignored-events-file';

const SITE: WorkspacePackage = {
  name: 'shop',
  root: 'sites/shop',
  kind: 'site',
  eventsFile: 'sites/shop/src/backend/events.js',
  sourceRoot: 'sites/shop/src',
  dependencies: [],
  ignoredEventsFiles: ['sites/shop/src/backend/events.ts'],
};
const TS_FILE = 'sites/shop/src/backend/events.ts';
const NEVER_CALLED = 'is never called: Velo reads backend event handlers only from sites/shop/src/backend/events.js; export it from there';

function findingsOf(text: string, file = TS_FILE, pkg: WorkspacePackage = SITE): Finding[] {
  return ignoredEventsFileFindings(pkg, file, { ok: true, text });
}

function finding(file: string, line: number, column: number, message: string): Finding {
  return { code: 'ignored-events-file', file, line, column, message };
}

describe('ignoredEventsFileFindings: the handler-shaped names a file Velo never reads exports itself', () => {
  it('reports each direct export form at its name, parsed as TypeScript', () => {
    const text = [
      "import type { Contact } from './types';",
      'export function wixCrm_onContactCreated(event: { entity: Contact }): void {}',
      'export async function wixCrm_onContactUpdated<T>(event: T) {}',
      'export const wixEcom_onOrderPaid = async (event: unknown): Promise<void> => {};',
      'export let wixEcom_onOrderCanceled = function (event: unknown) {};',
      'function deleted(event: unknown) {}',
      'export { deleted as wixCrm_onContactDeleted };',
      "export { onPaid as wixBilling_onInvoicePaid } from './billing';",
      "export * as wixStores_onNewOrder from './orders';",
      'export const { wixBlog_onPostCreated } = handlers;',
      'export class wixEvents_onEventCreated {}',
    ].join('\n');
    expect(findingsOf(text)).toEqual([
      finding(TS_FILE, 2, 17, `\`wixCrm_onContactCreated\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 3, 23, `\`wixCrm_onContactUpdated\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 4, 14, `\`wixEcom_onOrderPaid\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 5, 12, `\`wixEcom_onOrderCanceled\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 7, 21, `\`wixCrm_onContactDeleted\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 8, 20, `\`wixBilling_onInvoicePaid\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 9, 13, `\`wixStores_onNewOrder\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 10, 16, `\`wixBlog_onPostCreated\` in ${TS_FILE} ${NEVER_CALLED}`),
      finding(TS_FILE, 11, 14, `\`wixEvents_onEventCreated\` in ${TS_FILE} ${NEVER_CALLED}`),
    ]);
  });

  it('leaves out names that are not handler-shaped, types, declarations, default exports and what a star re-exports', () => {
    const text = [
      'export function formatDate(date: Date): string { return date.toISOString(); }',
      'export const wixCrm_contactCreated = 1;',
      'export const WixCrm_onContactCreated = () => {};',
      'export type wixCrm_onContactMerged = (event: unknown) => void;',
      'export interface wixCrm_onContactSubscribed {}',
      'export declare function wixCrm_onContactDeleted(event: unknown): void;',
      'type Handler = () => void;',
      'export type { Handler as wixCrm_onContactAlias };',
      'export { type Handler as wixCrm_onContactTyped };',
      'export default function wixCrm_onContactImported(event: unknown) {}',
      "export * from './handlers';",
      'function wixCrm_onContactLocal(event: unknown) {}',
    ].join('\n');
    expect(findingsOf(text)).toEqual([]);
  });

  it('parses .tsx and .jsx with JSX, and .mjs as JavaScript', () => {
    const jsx = 'export function wixEcom_onOrderCreated(event) {\n  return <p>{event.entity.id}</p>;\n}\n';
    const tsx = 'export const wixEcom_onOrderCreated = (event: { id: string }) => <p>{event.id}</p>;\n';
    const pkg: WorkspacePackage = { ...SITE, ignoredEventsFiles: undefined };
    const at = (file: string, line: number, column: number): Finding =>
      finding(file, line, column, `\`wixEcom_onOrderCreated\` in ${file} ${NEVER_CALLED}`);
    expect(findingsOf(jsx, 'sites/shop/src/backend/events.jsx', pkg)).toEqual([at('sites/shop/src/backend/events.jsx', 1, 17)]);
    expect(findingsOf(tsx, 'sites/shop/src/backend/events.tsx', pkg)).toEqual([at('sites/shop/src/backend/events.tsx', 1, 14)]);
    expect(findingsOf(jsx, 'sites/shop/src/backend/events.mjs', pkg)).toEqual([at('sites/shop/src/backend/events.mjs', 1, 17)]);
  });
});

describe('ignoredEventsFileFindings: where to put the handler instead', () => {
  it('names the events.js velo-events reads for the package, else the one beside the file', () => {
    const veloPackage: WorkspacePackage = {
      name: '@acme/orders',
      root: 'libs/orders',
      kind: 'package',
      eventsFile: 'libs/orders/backend/events.js',
      sourceRoot: 'libs/orders',
      dependencies: [],
    };
    const besides: WorkspacePackage = { ...veloPackage, kind: 'other', eventsFile: null, sourceRoot: 'libs/orders' };
    const text = 'export function wixEcom_onOrderPaid(event) {}\n';
    expect(findingsOf(text, 'libs/orders/src/backend/events.mjs', veloPackage)).toEqual([
      finding(
        'libs/orders/src/backend/events.mjs',
        1,
        17,
        '`wixEcom_onOrderPaid` in libs/orders/src/backend/events.mjs is never called: Velo reads backend event handlers only from libs/orders/backend/events.js; export it from there',
      ),
    ]);
    expect(findingsOf(text, 'libs/orders/src/backend/events.mjs', besides)).toEqual([
      finding(
        'libs/orders/src/backend/events.mjs',
        1,
        17,
        '`wixEcom_onOrderPaid` in libs/orders/src/backend/events.mjs is never called: Velo reads backend event handlers only from libs/orders/src/backend/events.js; export it from there',
      ),
    ]);
  });

  it('in a Wix CLI app says so, with what marks it, and points at event extensions', () => {
    const app: WorkspacePackage = { name: 'crm-app', root: '.', kind: 'other', eventsFile: null, sourceRoot: '.', dependencies: [], wixCliApp: 'appId' };
    const text = 'export async function wixCrm_onContactCreated(event) {}\n';
    expect(findingsOf(text, 'src/backend/events.js', app)).toEqual([
      finding(
        'src/backend/events.js',
        1,
        23,
        "`wixCrm_onContactCreated` in src/backend/events.js is never called: this is a Wix CLI app (wix.config.json has an `appId`), and Velo's events.js handlers do not run in apps; handle onContactCreated with an event extension in src/extensions/ instead",
      ),
    ]);
    const nested: WorkspacePackage = { ...app, root: 'apps/crm', sourceRoot: 'apps/crm', wixCliApp: 'projectType' };
    expect(findingsOf(text, 'apps/crm/backend/events.ts', nested)).toEqual([
      finding(
        'apps/crm/backend/events.ts',
        1,
        23,
        '`wixCrm_onContactCreated` in apps/crm/backend/events.ts is never called: this is a Wix CLI app (apps/crm/wix.config.json has `"projectType": "App"`), and Velo\'s events.js handlers do not run in apps; handle onContactCreated with an event extension in apps/crm/src/extensions/ instead',
      ),
    ]);
  });
});

describe('ignoredEventsFileFindings: a file whose exports cannot be told', () => {
  const ALL_NEVER_CALLED = 'whatever handlers it exports are never called: Velo reads backend event handlers only from sites/shop/src/backend/events.js';

  it('one finding at the parse error', () => {
    expect(findingsOf('export function wixCrm_onContactCreated(event: {) {}\n')).toEqual([
      finding(TS_FILE, 1, 49, `${TS_FILE} cannot be parsed (Property or signature expected.); ${ALL_NEVER_CALLED}`),
    ]);
  });

  it('one finding at the top for an unreadable file, and for one nested too deeply to parse', () => {
    expect(ignoredEventsFileFindings(SITE, TS_FILE, { ok: false, reason: 'is binary (contains NUL bytes)' })).toEqual([
      finding(TS_FILE, 1, 1, `${TS_FILE} is binary (contains NUL bytes); ${ALL_NEVER_CALLED}`),
    ]);
    expect(findingsOf(`export const wixCrm_onContactCreated = ${'['.repeat(20_000)}${']'.repeat(20_000)};\n`)).toEqual([
      finding(TS_FILE, 1, 1, `${TS_FILE} cannot be parsed (brackets nest more than 256 levels deep); ${ALL_NEVER_CALLED}`),
    ]);
  });
});
