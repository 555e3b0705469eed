import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkEventFields } from '../src/validate/check-event-fields';
import { builtinEventFields } from '../src/validate/event-fields';

/**
 * Wix's own handler examples as fixtures both ways (shared/velo/DOC-EXAMPLE-READS.md): the 200
 * reads of `event` in the docs' examples that the documented types lack, with whether the
 * example's own full-event sample has them (`inFullEventSample`; null: no usable sample) and
 * why the type lacks them (`category`). Copied to test/fixtures/event-field/ with only those
 * fields, so the test needs no shared/ folder.
 */
interface DocExampleRead {
  handler: string;
  read: string[];
  inFullEventSample: boolean | null;
  category: 'undocumented' | 'nameMapsToOtherModulePayload' | 'exampleExportsOtherHandler';
}

const { reads } = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'event-field', 'doc-example-reads.json'), 'utf8'),
) as { reads: DocExampleRead[] };

function isFlagged({ handler, read }: DocExampleRead): boolean {
  const at = read.flatMap((_, index) => [1, index + 1]);
  return checkEventFields(handler, [{ keys: read, at }], 'backend/events.js', builtinEventFields()).length > 0;
}

/** The reads of a group, as `handler path`, split by whether the check reports them. */
function split(group: readonly DocExampleRead[]): { flagged: string[]; passed: string[] } {
  const named = (r: DocExampleRead): string => `${r.handler} ${r.read.join('.')}`;
  return { flagged: group.filter(isFlagged).map(named), passed: group.filter((r) => !isFlagged(r)).map(named) };
}

/** `event.entity` of a newer `…Deleted` event: set when the deletion carries the entity (FACTS.md §g), never reported. */
const DELETED_ENTITY = /^\w+_on\w+Deleted entity\._id$/;

describe('event-field on the Velo docs examples (shared/velo/doc-example-reads.json)', () => {
  it('reports none of the reads the example’s own sample has', () => {
    const group = reads.filter((r) => r.inFullEventSample === true && r.category === 'undocumented');
    expect(group).toHaveLength(8);
    expect(split(group).flagged).toEqual([]);
  });

  it('reports the one sample-backed read whose example exports another event’s handler: the field is that event’s', () => {
    expect(split(reads.filter((r) => r.category === 'exampleExportsOtherHandler'))).toEqual({
      flagged: ['wixEcom_onOrderPaymentStatusUpdated data.restockAllItems'],
      passed: [],
    });
  });

  it('reports none of the reads that fit the payload of the page documenting them, exported under a name the catalog spells two ways', () => {
    const group = reads.filter((r) => r.category === 'nameMapsToOtherModulePayload');
    expect(group).toHaveLength(27);
    expect(split(group).flagged).toEqual([]);
  });

  it('reports 50 of the 53 reads that both the type and the example’s own sample lack (94 %)', () => {
    const { flagged, passed } = split(reads.filter((r) => r.inFullEventSample === false && r.category === 'undocumented'));
    expect(flagged).toHaveLength(50);
    expect(passed).toEqual([
      'wixEventsGuests_onGuestDeleted entity._id',
      'wixEvents_onPolicyDeleted entity._id',
      // The older wix-pricing-plans-backend type documents `entity`; what is below it is judged only where a sample shows it.
      'wixPricingPlans_onOrderStarted entity.order._id',
    ]);
  });

  it('reports 67 of the 111 reads without a usable sample: all but the …Deleted entity and one under an older type’s field', () => {
    const { flagged, passed } = split(reads.filter((r) => r.inFullEventSample === null && r.category === 'undocumented'));
    expect(flagged).toHaveLength(67);
    expect(passed.filter((read) => !DELETED_ENTITY.test(read))).toEqual(['wixForum_onPostUpdated post.ownerId']);
    expect(passed.filter((read) => DELETED_ENTITY.test(read))).toHaveLength(43);
  });
});
