import type { ValueFact } from '../analyze/module-facts';
import type { Location } from '../model';

/** What an export of an events file finally is, after following local modules. */
export type ResolvedValue =
  | Exclude<ValueFact, { kind: 'import' }>
  /** Comes from an npm or Velo package: Velo does not support that in events.js. */
  | { kind: 'bare'; specifier: string; at: Location }
  /** The chain ends at a module that cannot be loaded or a name it does not export. */
  | { kind: 'unresolved'; at: Location };
