import wixData from 'wix-data';

/** Keeps a count of bookings per service for the "popular rides" strip. */
export async function wixBookings_onBookingCreated(event) {
  const serviceId = event.entity?.bookedEntity?.slot?.serviceId;
  if (!serviceId) return;
  const stats = await wixData.get('ServiceStats', serviceId);
  await wixData.save('ServiceStats', { _id: serviceId, bookings: (stats?.bookings ?? 0) + 1 });
}
