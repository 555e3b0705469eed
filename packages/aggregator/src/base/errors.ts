/**
 * A mistake in how the tool was called or configured (bad flag, bad config, unknown
 * site). The CLI prints its message as one line on stderr and exits 2; it is never a
 * bug, so no stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
