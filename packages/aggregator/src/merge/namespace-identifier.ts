/**
 * The JavaScript identifier generated code uses for a namespace (`@acme/orders-lib` →
 * `acme_orders_lib`), also used as its folder name in the site copy. Two namespaces that map to one identifier would collide in the
 * generated dispatcher, so the merge stage reports them as `namespace-collision`.
 */
export function namespaceIdentifier(namespace: string): string {
  // `$` is left out too: the identifier also names the package's folder in the site copy.
  const identifier = namespace.replace(/^@/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(identifier) || identifier === '' ? `_${identifier}` : identifier;
}
