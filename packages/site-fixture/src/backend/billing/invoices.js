import wixData from 'wix-data';

export async function recordInvoice(invoiceId, status) {
  return wixData.insert('InvoiceLog', { invoiceId, status });
}
