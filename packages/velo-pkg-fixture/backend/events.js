// Loyalty points: a Velo package's own backend events.
import { addPoints, pointsFor } from './points.js';

export async function wixEcom_onOrderApproved(event) {
  const { order } = event.data;
  await addPoints(order.buyerInfo?.contactId, pointsFor(order.priceSummary?.subtotal?.amount));
}

export const wixMembers_onMemberCreated = function (event) {
  return addPoints(event.entity?.contactId, 50);
};
