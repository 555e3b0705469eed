import wixData from 'wix-data';

export function pointsFor(amount) {
  return Math.floor(Number(amount ?? 0) / 10);
}

export async function addPoints(contactId, points) {
  if (!contactId || points <= 0) return null;
  return wixData.insert('LoyaltyLedger', { contactId, points });
}
