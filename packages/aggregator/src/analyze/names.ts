/** shared/SPEC.md §3: the shape Velo's handler names take. */
export const HANDLER_SHAPE = /^[a-z][A-Za-z0-9]*_on[A-Z][A-Za-z0-9]*$/;

export function isHandlerShaped(name: string): boolean {
  return HANDLER_SHAPE.test(name);
}
