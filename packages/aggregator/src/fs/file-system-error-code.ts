/**
 * The `code` of a Node file-system error (ENOENT, EACCES…), or undefined for anything
 * else. Duck-typed on purpose: under Jest, errors thrown by `fs` come from another realm
 * and fail `instanceof Error` (jestjs/jest#2549), which would misread a missing file.
 */
export function fileSystemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
