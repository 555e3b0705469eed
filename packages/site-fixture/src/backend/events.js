// Backend event handlers for the Acme Bikes store.
// Velo calls these on the published site only; they never fire in preview.
import wixData from 'wix-data';
import { notifyOps } from 'backend/notifications';
import { recordInvoice } from './billing/invoices';

export function wixBilling_onInvoicePaid(event) {
  // The invoice id lives under event.entity in v2 payloads, at the top level in v1.
  const invoiceId = event.entity?._id ?? event.id;
  return recordInvoice(invoiceId, 'paid');
}

export async function wixEcom_onOrderApproved(event) {
  const { order } = event.data;
  await wixData.insert('OrderAudit', { orderId: order._id, approvedAt: new Date() });
  await notifyOps(`Order #${order.number} approved — ${order.priceSummary?.total?.formattedAmount}`);
}

export const wixMembers_onMemberCreated = async (event) => {
  const { loginEmail } = event.entity;
  await wixData.insert('Newsletter', { email: loginEmail, source: 'signup' });
};

function syncContact(event) {
  return notifyOps(`New contact: ${event.entity?.info?.name?.first ?? 'unknown'}`);
}

export { syncContact as wixCrm_onContactCreated };

export { wixForms_onSubmissionCreated } from './forms/submissions.js';

export * from 'backend/bookings';
