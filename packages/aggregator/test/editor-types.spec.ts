import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * `@velo-events/aggregator/events` (events/index.d.ts, generated from the documented payload
 * types): one JSDoc line types a plain-JS handler's `event`, so an editor and `tsc --checkJs`
 * flag a field the docs do not list. test/fixtures/types holds a handler that reads only
 * documented fields and one with the misreadings issue 16 found in real code.
 */
describe('types for editors', () => {
  it('tsc --checkJs: documented fields pass; `event.entity` of an action event and a misspelt field are errors', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const fixture = path.join(__dirname, 'fixtures', 'types');
    const run = spawnSync(process.execPath, [tsc, '-p', path.join(fixture, 'tsconfig.json'), '--pretty', 'false'], { cwd: fixture, encoding: 'utf8' });
    expect({ status: run.status, errors: run.stdout.trim().split('\n') }).toEqual({
      status: 2,
      errors: [
        "misspelt.js(5,16): error TS2339: Property 'entity' does not exist on type 'WixEcomBackendEventsEcomV1OrderOrderApprovedEvent'.",
        "misspelt.js(10,23): error TS2551: Property 'loginEmial' does not exist on type 'WixMembersBackendMembersMember'. Did you mean 'loginEmail'?",
      ],
    });
  }, 60_000);
});
