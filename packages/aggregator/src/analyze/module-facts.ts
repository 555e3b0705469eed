import type { Finding, Location } from '../model';

/**
 * What one module says about its exports, from its syntax alone. Values are described,
 * never evaluated: the analyzer does not run user code.
 */
export type ValueFact =
  | {
      kind: 'function';
      async: boolean;
      /** Declared parameters, a rest parameter included. */
      params: number;
      /** Where the function is defined (its declaration statement). */
      at: Location;
      /** The second declared parameter, when there is one (Velo passes one `event`). */
      extraParamAt: Location | null;
      /**
       * What the function reads of its first parameter, for a function bound to a
       * handler-shaped export name (event-reads/reads-of-function.ts); absent for any other function.
       */
      eventReads?: EventRead[];
      /**
       * For a function exported under a name that is not handler-shaped (`export function
       * handleOrder(event)`): where its text starts and ends, from its parameter list on. Another
       * module may export it under a handler name (`export { handleOrder as wixEcom_onOrderPaid }
       * from './orders'`); its reads are then taken from here (sources/late-event-reads.ts),
       * rather than reading every exported helper of every module.
       */
      readRange?: [number, number];
    }
  /** A value Velo cannot call: `what` reads as "a number", "a class", … */
  | { kind: 'not-function'; what: string; at: Location }
  /** A value only known by running code: a call, a member access, a condition, … */
  | { kind: 'dynamic'; what: string; at: Location }
  /** An object literal; `members` are its function-valued properties. */
  | { kind: 'object'; at: Location; members: ObjectMember[] }
  /** A binding imported from another module: resolved in the resolve stage. */
  | { kind: 'import'; specifier: string; imported: string; at: Location };

/**
 * One read of a handler's `event`, as written (the `event-field` check judges it against the
 * documented type later): `event.data.order._id`, a destructured `{ entity }`, an alias's
 * `order.total`. Only the outermost member of a chain is a read: `event.a.b` is one read.
 */
export interface EventRead {
  /** The keys from `event` down; `[]` is an element of an array (an index, `for … of`), `*` a computed key. */
  keys: string[];
  /**
   * Line and column of each key, flat: `[line1, column1, line2, column2, …]`. Numbers, not a
   * `Location` per key: a module's facts stay in memory for its whole group (analyze-sources.ts).
   */
  at: number[];
  /**
   * The other reads of a `||` / `??` chain (or a conditional) this read is part of, or that an
   * alias of such a chain leads to: if one of them is documented, this read is not a mistake.
   */
  rescuers?: string[][];
}

export interface ObjectMember {
  name: string;
  at: Location;
}

export interface ExportFact {
  /** The export name (an ES2022 string name is its text). */
  name: string;
  /** Where the export name is written. */
  nameAt: Location;
  value: ValueFact;
}

/** A name taken from a local module by `import` or `export … from`: it must exist there. */
export interface ImportFact {
  specifier: string;
  /** The imported name; `default` for a default import. */
  imported: string;
  at: Location;
}

/** `export * from '…'`; a bare specifier is kept too, to report it wherever a star chain meets it. */
export interface StarExportFact {
  specifier: string;
  at: Location;
}

/** A top-level callback registration through an `@wix/…` SDK module. */
export interface SdkRegistrationFact {
  /** The callee as written, e.g. `products.onProductCreated`. */
  callee: string;
  /** The registration's event name, e.g. `onProductCreated`. */
  event: string;
  module: string;
  at: Location;
}

export interface LocalSpecifierFact {
  specifier: string;
  /** The specifier's string literal. */
  at: Location;
}

export interface ModuleFacts {
  file: string;
  /** False when the file has a parse error: Velo cannot load it, so it exports nothing. */
  parsed: boolean;
  exports: ExportFact[];
  stars: StarExportFact[];
  imports: ImportFact[];
  sdkRegistrations: SdkRegistrationFact[];
  /**
   * Findings that hold for any module (parse errors, duplicate export names) and those
   * that concern a Velo events file only (CommonJS, default export, bare `export *`).
   */
  moduleFindings: Finding[];
  eventsFileFindings: Finding[];
  /** Every relative, `backend/…` or `public/…` specifier the module imports from, at its first use. */
  localSpecifiers: LocalSpecifierFact[];
}
