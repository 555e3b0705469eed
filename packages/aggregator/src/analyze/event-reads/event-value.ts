/**
 * The values a handler's reading deals in: a part of the event an expression stands for, the
 * read it made, and how the operands of `||` and conditionals rescue one another.
 */

/** A key and where it is written. */
export interface Segment {
  key: string;
  pos: number;
}

/** A read being collected; `rescuers` are the other reads of its `||` chain. */
export interface PendingRead {
  path: Segment[];
  rescuers: Segment[][];
  /** The aliases it came through: if one of them is assigned again, the read is dropped. */
  via: readonly string[];
}

/** One thing an expression may be: the part of the event `path` leads to (`[]`: the event itself). */
export interface Alternative {
  path: Segment[];
  /** The read this expression made, when it is one (an alias or the event itself is not). */
  read: PendingRead | null;
  via: readonly string[];
  /**
   * Reads this value was guarded by (`event.entity && event.entity._id`, the test of a
   * conditional): what rescues the value rescues them too.
   */
  guards?: PendingRead[];
}

/** What an expression is: some part of the event (one alternative per operand of `a || b`), or null. */
export type Value = Alternative[] | null;

/**
 * An expression as parsed, before it is used: a member access is not yet a read (it may be
 * the object of a longer chain, or the target of an assignment), a name may be assigned to.
 */
export interface Ref {
  value: Value;
  member: { base: Value; key: string; pos: number; baseName: string | null } | null;
  name: string | null;
  /** For an array or object literal: the names it would assign as a destructuring target. */
  targets: string[] | null;
}

/** The key of an array's element (an index, `for … of`, a callback's parameter) and of a computed member. */
export const ELEMENT = '[]';
export const COMPUTED = '*';
export const NO_VALUE: Ref = { value: null, member: null, name: null, targets: null };

/** Alternatives of one `||` chain: each read is rescued by the others' paths. */
export function rescueEachOther(alternatives: readonly Alternative[] | null): void {
  if (alternatives === null || alternatives.length < 2) return;
  for (const alternative of alternatives) {
    for (const other of alternatives) {
      if (other === alternative) continue;
      alternative.read?.rescuers.push(other.path);
      if (alternative.guards !== undefined) for (const guard of alternative.guards) guard.rescuers.push(other.path);
    }
  }
}

/** The reads a value's alternatives made, and those that guarded them. */
export function guardsOf(value: Value): PendingRead[] {
  const reads: PendingRead[] = [];
  if (value === null) return reads;
  for (const alternative of value) {
    if (alternative.read !== null) reads.push(alternative.read);
    if (alternative.guards !== undefined) for (const guard of alternative.guards) reads.push(guard);
  }
  return reads;
}

/** The value with `tests` added to each alternative's guards. */
export function guarded(value: Value, tests: readonly PendingRead[]): Value {
  if (value === null || tests.length === 0) return value;
  const result: Alternative[] = [];
  for (const alternative of value) {
    const guards = alternative.guards === undefined ? tests.slice() : alternative.guards.concat(tests);
    result.push({ path: alternative.path, read: alternative.read, via: alternative.via, guards });
  }
  return result;
}

export function union(a: Value, b: Value): Value {
  if (a === null) return b;
  if (b === null) return a;
  return a.concat(b);
}

export function samePath(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index]!.key !== b[index]!.key) return false;
  return true;
}
