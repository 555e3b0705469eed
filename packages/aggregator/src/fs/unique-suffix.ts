/**
 * Twelve random hex digits for a file name no other run or write picks at the same time
 * (temporary files, the report cache's entries). node:crypto is loaded on the first call:
 * a run that writes nothing, such as a check answered from the report cache, never loads
 * it (~4 ms).
 */
export function uniqueSuffix(): string {
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return randomBytes(6).toString('hex');
}
