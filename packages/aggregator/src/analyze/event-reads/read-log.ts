import { detached } from '../detached-string';
import { ELEMENT, rescueEachOther, type Alternative, type PendingRead, type Ref, type Segment, type Value } from './event-value';
import { patternNames, type Pattern, type Scope } from './scope';

/** An `EventRead` whose keys are placed by offset in the module's text. */
export interface OffsetRead {
  keys: string[];
  offsets: number[];
  rescuers?: string[][];
}

/**
 * What reading a handler records as it goes: the reads of the event, the fields the handler
 * writes, the names it assigns; and the values (parts of the event) expressions stand for.
 * The readers (expression-reader.ts, reads-of-function.ts) are built on it.
 */
export class ReadLog {
  protected readonly reads: PendingRead[] = [];
  protected readonly writes: string[][] = [];
  /** Made on first use, as `varCounts`: most handlers assign no name and declare no `var`. */
  protected assigned: Set<string> | null = null;
  protected varCounts: Map<string, number> | null = null;
  /**
   * Every name bound to a part of the event so far (the parameter's, aliases), and where each
   * is next written in the text, once looked up (-1 when not known, Infinity when not again
   * before the function's end): each name's text is searched once per stretch it skips.
   * Arrays, not a Map: they are read after every statement, in code that runs cold.
   */
  protected readonly trackedNames: string[] = [];
  protected readonly trackedNext: number[] = [];
  /** Where the next of them is written in the text, once looked up; -1 when not known. */
  protected nextTracked = -1;

  /** The value one step down from `value`; recorded as a read when `record`. */
  protected step(value: Value, key: string, pos: number, record: boolean): Value {
    if (value === null) return null;
    const next: Alternative[] = [];
    for (const alternative of value) {
      const path = alternative.path.slice();
      path.push({ key, pos });
      let read: PendingRead | null = null;
      if (record) {
        read = { path, rescuers: [], via: alternative.via };
        this.reads.push(read);
      }
      next.push({ path, read, via: alternative.via });
    }
    if (record) rescueEachOther(next);
    return next;
  }

  /** A ref's value, its member access recorded as a read (the ref is used). */
  protected use(ref: Ref): Value {
    if (ref.member === null) return ref.value;
    return this.step(ref.member.base, ref.member.key, ref.member.pos, true);
  }

  /** A ref's value without recording it: it is the object of a longer chain. */
  protected peek(ref: Ref): Value {
    if (ref.member === null) return ref.value;
    return this.step(ref.member.base, ref.member.key, ref.member.pos, false);
  }

  /** `a.b = …`: `a` is read (a chain of its own), `b` is written. */
  protected writeTarget(ref: Ref, alsoRead: boolean): void {
    if (ref.member !== null) {
      for (const alternative of ref.member.base ?? []) {
        if (alternative.path.length > 0 && alternative.read === null) {
          alternative.read = { path: alternative.path, rescuers: [], via: alternative.via };
          this.reads.push(alternative.read);
        }
      }
      if (alsoRead) this.use(ref);
      this.write(ref.member.base, ref.member.key);
    } else if (ref.name !== null) {
      this.assign(ref.name);
    } else if (ref.targets !== null) {
      for (const name of ref.targets) this.assign(name);
    }
  }

  /** The handler writes `key` of `value` (all of `value` when null): what is read below it later is its own. */
  protected write(value: Value, key: string | null): void {
    for (const alternative of value ?? []) {
      const keys = alternative.path.map((segment) => segment.key);
      if (key !== null) keys.push(key);
      this.writes.push(keys);
    }
  }

  /** The handler assigns a name again: nothing read through it as an alias counts (`finish`). */
  protected assign(name: string): void {
    (this.assigned ??= new Set()).add(name);
  }

  /** Binds a pattern's names to parts of `value` in `scope`; each property taken is a read. */
  protected bind(pattern: Pattern, value: Value, scope: Scope, varScope: Scope | null): void {
    if (pattern.kind === 'name') {
      if (value === null) {
        (varScope ?? scope).set(pattern.name, null);
        return;
      }
      const aliased: Alternative[] = [];
      for (const alternative of value) {
        const via = alternative.via.slice();
        via.push(pattern.name);
        aliased.push(alternative.guards === undefined ? { path: alternative.path, read: alternative.read, via } : { path: alternative.path, read: alternative.read, via, guards: alternative.guards });
      }
      (varScope ?? scope).set(pattern.name, aliased);
      this.track(pattern.name);
      return;
    }
    if (pattern.kind === 'object') {
      for (const property of pattern.properties) {
        const child = property.key === null ? null : this.step(value, property.key, property.pos, true);
        this.bind(property.target, child, scope, varScope);
      }
      if (pattern.rest) this.bind(pattern.rest, null, scope, varScope);
      return;
    }
    for (const element of pattern.elements) {
      if (element !== null) this.bind(element.target, this.step(value, ELEMENT, element.pos, false), scope, varScope);
    }
    if (pattern.rest) this.bind(pattern.rest, null, scope, varScope);
  }

  protected isReassigned(name: string): boolean {
    return this.assigned !== null && this.assigned.has(name);
  }

  /**
   * What a name stands for in `scope`. Only a tracked name is bound to a part of the event
   * (`bind` tracks each), so the scopes are looked up for those alone.
   */
  protected valueOfName(scope: Scope, name: string): Value {
    return this.trackedNames.includes(name) ? scope.lookup(name) : null;
  }

  /** A name now bound to a part of the event: the reading goes on while it is written ahead. */
  protected track(name: string): void {
    if (this.trackedNames.includes(name)) return;
    this.trackedNames.push(name);
    this.trackedNext.push(-1);
    this.nextTracked = -1;
  }

  /** A pattern's names, declared in `scope` and bound to nothing: they hide outer bindings. */
  protected shadow(pattern: Pattern, scope: Scope): void {
    if (pattern.kind === 'name') {
      scope.set(pattern.name, null);
      return;
    }
    if (pattern.kind === 'object') for (const property of pattern.properties) this.shadow(property.target, scope);
    else for (const element of pattern.elements) if (element !== null) this.shadow(element.target, scope);
    if (pattern.rest) this.shadow(pattern.rest, scope);
  }

  /** A `var` declaration's names: one declared twice is treated as assigned again. */
  protected countVar(pattern: Pattern): void {
    const counts = (this.varCounts ??= new Map());
    for (const name of patternNames(pattern)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }

  /** Keys outlive the module's text: each gets memory of its own (detached-string.ts). */
  protected key(text: string): string {
    return detached(text);
  }

  /** The reads as facts: those below a field the handler writes, or through an alias assigned again, dropped. */
  protected finish(): OffsetRead[] {
    const writes = this.writes.length > 0 ? new Set(this.writes.map((keys) => keys.join('\u0000'))) : null;
    const facts: OffsetRead[] = [];
    // Each expression is parsed once, so no read is recorded twice.
    for (const read of this.reads) {
      const { path } = read;
      if (path.length === 0 || (read.via.length > 0 && this.isStale(read.via)) || (writes !== null && isWritten(path, writes))) continue;
      const keys: string[] = new Array(path.length);
      const offsets: number[] = new Array(path.length);
      for (let index = 0; index < path.length; index += 1) {
        keys[index] = path[index]!.key;
        offsets[index] = path[index]!.pos;
      }
      facts.push(read.rescuers.length > 0 ? { keys, offsets, rescuers: distinctPaths(read.rescuers) } : { keys, offsets });
    }
    return facts;
  }

  /** Whether a read came through an alias assigned again (or a `var` declared twice). */
  protected isStale(via: readonly string[]): boolean {
    for (const name of via) if (this.isReassigned(name) || (this.varCounts?.get(name) ?? 0) > 1) return true;
    return false;
  }
}

/** Whether the handler writes the field at `path` or one above it. */
function isWritten(path: readonly Segment[], writes: ReadonlySet<string>): boolean {
  let prefix = '';
  for (let index = 0; index < path.length; index += 1) {
    prefix += index === 0 ? path[index]!.key : `\u0000${path[index]!.key}`;
    if (writes.has(prefix)) return true;
  }
  return false;
}

function distinctPaths(paths: readonly Segment[][]): string[][] {
  if (paths.length === 1) return [paths[0]!.map((segment) => segment.key)];
  const seen = new Set<string>();
  const distinct: string[][] = [];
  for (const path of paths) {
    const keys = path.map((segment) => segment.key);
    const identity = keys.join('\u0000');
    if (seen.has(identity)) continue;
    seen.add(identity);
    distinct.push(keys);
  }
  return distinct;
}
