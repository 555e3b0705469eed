import type { Value } from './event-value';

/** A binding pattern's shape (`event`, `{ data: { order } }`, `[first]`). */
export type Pattern =
  | { kind: 'name'; name: string }
  | { kind: 'object'; properties: PatternProperty[]; rest: Pattern | null }
  | { kind: 'array'; elements: ({ target: Pattern; pos: number } | null)[]; rest: Pattern | null };

export interface PatternProperty {
  /** null for a computed key that is not a string literal. */
  key: string | null;
  pos: number;
  target: Pattern;
}

/** Names → what each holds; null shadows an outer binding. */
export class Scope {
  /** Made on the first name: most blocks declare none. */
  private names: Map<string, Value> | null = null;
  constructor(
    readonly parent: Scope | null,
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): Value {
    for (let scope: Scope | null = this; scope !== null; scope = scope.parent) {
      const value = scope.names?.get(name);
      if (value !== undefined) return value;
    }
    return null;
  }

  set(name: string, value: Value): void {
    (this.names ??= new Map()).set(name, value);
  }

  functionScope(): Scope {
    let scope: Scope = this;
    while (!scope.isFunction && scope.parent !== null) scope = scope.parent;
    return scope;
  }
}

export function patternNames(pattern: Pattern): string[] {
  if (pattern.kind === 'name') return [pattern.name];
  const names: string[] = [];
  if (pattern.kind === 'object') for (const property of pattern.properties) names.push(...patternNames(property.target));
  else for (const element of pattern.elements) if (element !== null) names.push(...patternNames(element.target));
  if (pattern.rest) names.push(...patternNames(pattern.rest));
  return names;
}
