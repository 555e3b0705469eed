// Data hooks live here, not in events.js: Velo reads hooks only from data.js.
export function Orders_beforeInsert(item, context) {
  item.createdBy = context.userId ?? 'anonymous';
  return item;
}
