import { aggregate, catalogOf } from '../src/aggregate';
import { analyzeSources } from '../src/analyze-sources';
import type { ModuleGraph } from '../src/resolve/module-graph';
import { discoverWorkspace } from '../src/workspace/workspace';
import type { Diagnostic } from '../src/model';
import type { VeloEventsConfig } from '../src/workspace/config';
import { diagnostic, fixture } from './aggregate-fixture';

const NO_CONFIG: VeloEventsConfig = { sites: null, packages: null, order: [], rules: {}, catalog: [], stubs: null };
const EVENTS = 'sites/fields/src/backend/events.js';
const CART = 'sites/fields/src/backend/cart.js';
const HELPERS = 'sites/fields/src/backend/helpers.js';

async function diagnosticsOf(config?: VeloEventsConfig): Promise<Diagnostic[]> {
  return (await aggregate({ root: fixture('event-field'), ...(config ? { config } : {}) })).report.diagnostics;
}

/**
 * The fixture's events.js has one handler per form the check follows, each with reads that
 * must be reported and near misses that must not (its comments say which); cart.js holds a
 * handler events.js re-exports, helpers.js functions of other names that events.js exports
 * under handler names (and one it does not, which is not read).
 */
describe('aggregate: event-field (SPEC §4, FACTS §g)', () => {
  it('reports each read of `event` that the documented type lacks, once, at the first undocumented key, and nothing else', async () => {
    expect(await diagnosticsOf()).toEqual([
      diagnostic('event-field', 'warning', CART, 3, 23, "`event.entity.subtotl`: wixEcom_onCartCreated's event.entity is { _createdDate, _id, _updatedDate, appliedDiscounts, buyerInfo, buyerLanguage, buyerNote, checkoutId, … (12 more) }; did you mean `subtotal`?", "subtotal"),
      diagnostic('event-field', 'warning', EVENTS, 12, 23, "`event.entity`: wixEcom_onOrderApproved's event is { data, metadata }; the order is `event.data.order`"),
      diagnostic('event-field', 'warning', EVENTS, 19, 23, "`event.data.ordr`: wixEcom_onOrderPaymentStatusUpdated's event.data is { order, previousPaymentStatus }; did you mean `order`?", "order"),
      diagnostic('event-field', 'warning', EVENTS, 20, 24, "`event.data.previousPaymentStatuss`: wixEcom_onOrderPaymentStatusUpdated's event.data is { order, previousPaymentStatus }; did you mean `previousPaymentStatus`?", "previousPaymentStatus"),
      diagnostic('event-field', 'warning', EVENTS, 25, 73, "`event.data.order.buyerInfo.firstName`: wixEcom_onOrderCanceled's event.data.order.buyerInfo is { contactId, email, memberId, visitorId }"),
      diagnostic('event-field', 'warning', EVENTS, 25, 95, "`event.metdata`: wixEcom_onOrderCanceled's event is { data, metadata }; did you mean `metadata`?", "metadata"),
      diagnostic('event-field', 'warning', EVENTS, 33, 32, "`event.data.order.planNam`: wixPricingPlans_onOrderPurchased's event.data.order is { _createdDate, _id, _updatedDate, autoRenewCanceled, buyer, cancellation, currentCycle, cycles, … (19 more) }; did you mean `planName`?", "planName"),
      diagnostic('event-field', 'warning', EVENTS, 33, 63, "`event.data.order.buyer.contactID`: wixPricingPlans_onOrderPurchased's event.data.order.buyer is { contactId, memberId }; did you mean `contactId`?", "contactId"),
      diagnostic('event-field', 'warning', EVENTS, 34, 28, "`event.data.planId`: wixPricingPlans_onOrderPurchased's event.data is { order }; did you mean `event.data.order.planId`?"),
      diagnostic('event-field', 'warning', EVENTS, 41, 33, "`event.entity.buyerNotes`: wixEcom_onOrderCreated's event.entity is { _createdDate, _id, _updatedDate, activities, additionalFees, appliedDiscounts, archived, attributionSource, … (26 more) }; did you mean `buyerNote`?", "buyerNote"),
      diagnostic('event-field', 'warning', EVENTS, 47, 85, "`event.entity.lineItems[].sku`: wixEcom_onOrderUpdated's event.entity.lineItems[] is { _id, catalogReference, depositAmount, descriptionLines, fulfillerId, image, itemType, lineItemPrice, … (14 more) }; did you mean `event.entity.lineItems[].physicalProperties.sku`?"),
      diagnostic('event-field', 'warning', EVENTS, 48, 56, "`event.entity.lineItems[].quantty`: wixEcom_onOrderUpdated's event.entity.lineItems[] is { _id, catalogReference, depositAmount, descriptionLines, fulfillerId, image, itemType, lineItemPrice, … (14 more) }; did you mean `quantity`?", "quantity"),
      diagnostic('event-field', 'warning', EVENTS, 49, 95, "`event.entity.lineItems[…].pric`: wixEcom_onOrderUpdated's event.entity.lineItems[…] is { _id, catalogReference, depositAmount, descriptionLines, fulfillerId, image, itemType, lineItemPrice, … (14 more) }; did you mean `price`?", "price"),
      diagnostic('event-field', 'warning', EVENTS, 55, 23, "`event.entity`: wixStores_onProductUpdated's event is { productId, updatedFields }; the product's ID is `event.productId`"),
      diagnostic('event-field', 'warning', EVENTS, 59, 13, "`event.amount`: wixPay_onPaymentUpdate's event is { payment, status, transactionId, userInfo }; did you mean `event.payment.amount`?"),
      diagnostic('event-field', 'warning', EVENTS, 64, 11, "`event.entity.id`: wixCrm_onContactCreated's event.entity is { _createdDate, _id, _updatedDate, info, lastActivity, primaryInfo, revision, source }; did you mean `_id`?", "_id"),
      diagnostic('deprecated-event', 'warning', EVENTS, 68, 17, "`wixBookings_onBookingConfirmed` (wix-bookings-backend) is deprecated. The onBookingConfirmed event has been deprecated and will be removed on June 30, 2026. Use the Bookings V2 Booking Confirmed SDK event instead. Use `wixBookingsV2_onBookingConfirmed` instead and check its event payload, which may differ.", "wixBookingsV2_onBookingConfirmed"),
      diagnostic('event-field', 'warning', EVENTS, 69, 25, "`event.metadata`: wixBookings_onBookingConfirmed's event is { booking, previousBooking, trigger }"),
      diagnostic('event-field', 'warning', EVENTS, 75, 36, "`event.entity.infoo`: wixCrm_onContactUpdated's event.entity is { _createdDate, _id, _updatedDate, info, lastActivity, primaryInfo, revision, source }; did you mean `info`?", "info"),
      diagnostic('event-field', 'warning', EVENTS, 118, 66, "`event.metadat`: wixReviews_onReviewDeleted's event is { entity, metadata }; did you mean `metadata`?", "metadata"),
      diagnostic('event-field', 'warning', EVENTS, 124, 44, "`event.postIdd`: wixForum_onPostCreated's event is { entity, metadata, post, postId }; did you mean `postId`?", "postId"),
      diagnostic('event-field', 'warning', EVENTS, 129, 37, "`event.data.checkout.totl`: wixEcom_onCheckoutCompleted's event.data.checkout is { _createdDate, _id, _updatedDate, additionalFees, appliedDiscounts, billingInfo, buyerInfo, buyerLanguage, … (24 more) }"),
      diagnostic('event-field', 'warning', EVENTS, 133, 91, "`event.totls`: wixBilling_onInvoicePaid's event is { companyId, currency, customer, dates, discount, dynamicTotals, id, lineItems, … (9 more) }; did you mean `totals`?", "totals"),
      diagnostic('unknown-event', 'warning', EVENTS, 136, 17, "`wixEcom_onOrderAproved`: the prefix `wixEcom` has no event `onOrderAproved`; Velo never calls this function. Did you mean `wixEcom_onOrderApproved`?", "wixEcom_onOrderApproved"),
      diagnostic('event-field', 'warning', EVENTS, 144, 79, "`event.entity.lineItems[].quantty`: wixEcom_onCheckoutUpdated's event.entity.lineItems[] is { _id, availability, catalogReference, couponScopes, depositAmount, descriptionLines, discount, fullPrice, … (16 more) }; did you mean `quantity`?", "quantity"),
      diagnostic('event-field', 'warning', EVENTS, 145, 43, "`event.entity.buyerInfo.firstName`: wixEcom_onCheckoutUpdated's event.entity.buyerInfo is { contactId, email, memberId, visitorId }"),
      diagnostic('event-field', 'warning', HELPERS, 5, 23, "`event.entity.subtotl`: wixEcom_onCartUpdated's event.entity is { _createdDate, _id, _updatedDate, appliedDiscounts, buyerInfo, buyerLanguage, buyerNote, checkoutId, … (12 more) }; did you mean `subtotal`?", "subtotal"),
      diagnostic('event-field', 'warning', HELPERS, 8, 47, "`event.data`: wixEcom_onCheckoutCreated's event is { entity, metadata }; the checkout is `event.entity`"),
    ]);
  });

  it('follows the config: off drops every event-field, error raises them', async () => {
    expect((await diagnosticsOf({ ...NO_CONFIG, rules: { 'event-field': 'off' } })).map((d) => d.code)).toEqual([
      'deprecated-event',
      'unknown-event',
    ]);
    const raised = await diagnosticsOf({ ...NO_CONFIG, rules: { 'event-field': 'error' } });
    expect(raised.filter((d) => d.code === 'event-field').map((d) => d.severity)).toEqual(Array(26).fill('error'));
  });

  it('keeps, for the group, the texts of the modules that export functions under names of their own, and no others', async () => {
    const packages = await discoverWorkspace(fixture('event-field'), NO_CONFIG);
    let graph: ModuleGraph | null = null;
    await analyzeSources(fixture('event-field'), packages, packages, catalogOf(NO_CONFIG), { onGraph: (loaded) => (graph = loaded) });
    expect([...(graph as ModuleGraph | null)!.texts!.keys()].sort()).toEqual([HELPERS, 'sites/fields/src/backend/notify.js']);
  });
});
