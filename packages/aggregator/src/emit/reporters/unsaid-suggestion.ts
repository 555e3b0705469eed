import type { Diagnostic } from '../../model';

/**
 * The diagnostic's suggestion when its message does not already name it (most messages
 * end in "Did you mean `…`?"), so no reporter says it twice.
 */
export function unsaidSuggestion(d: Diagnostic): string | undefined {
  return d.suggestion !== undefined && !d.message.includes(d.suggestion) ? d.suggestion : undefined;
}
