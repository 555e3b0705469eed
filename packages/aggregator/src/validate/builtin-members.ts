import type { FieldNode } from './event-fields';

/**
 * Members every value has from the language, not from the event: reading one is not reading a
 * field. Written out rather than read from the running Node's prototypes, so a report does not
 * change with the Node version that makes it (Velo's own runtime may be older or newer).
 */
const OBJECT = [
  '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', '__proto__', 'constructor',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
];
const STRING = [
  'anchor', 'at', 'big', 'blink', 'bold', 'charAt', 'charCodeAt', 'codePointAt', 'concat', 'endsWith', 'fixed', 'fontcolor',
  'fontsize', 'includes', 'indexOf', 'isWellFormed', 'italics', 'lastIndexOf', 'length', 'link', 'localeCompare', 'match',
  'matchAll', 'normalize', 'padEnd', 'padStart', 'repeat', 'replace', 'replaceAll', 'search', 'slice', 'small', 'split',
  'startsWith', 'strike', 'sub', 'substr', 'substring', 'sup', 'toLocaleLowerCase', 'toLocaleUpperCase', 'toLowerCase',
  'toUpperCase', 'toWellFormed', 'trim', 'trimEnd', 'trimLeft', 'trimRight', 'trimStart',
];
const ARRAY = [
  'at', 'concat', 'copyWithin', 'entries', 'every', 'fill', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat',
  'flatMap', 'forEach', 'includes', 'indexOf', 'join', 'keys', 'lastIndexOf', 'length', 'map', 'pop', 'push', 'reduce',
  'reduceRight', 'reverse', 'shift', 'slice', 'some', 'sort', 'splice', 'toReversed', 'toSorted', 'toSpliced', 'unshift',
  'values', 'with',
];
const NUMBER = ['toExponential', 'toFixed', 'toPrecision'];
const DATE = [
  'getDate', 'getDay', 'getFullYear', 'getHours', 'getMilliseconds', 'getMinutes', 'getMonth', 'getSeconds', 'getTime',
  'getTimezoneOffset', 'getUTCDate', 'getUTCDay', 'getUTCFullYear', 'getUTCHours', 'getUTCMilliseconds', 'getUTCMinutes',
  'getUTCMonth', 'getUTCSeconds', 'getYear', 'setDate', 'setFullYear', 'setHours', 'setMilliseconds', 'setMinutes', 'setMonth',
  'setSeconds', 'setTime', 'setUTCDate', 'setUTCFullYear', 'setUTCHours', 'setUTCMilliseconds', 'setUTCMinutes', 'setUTCMonth',
  'setUTCSeconds', 'setYear', 'toDateString', 'toGMTString', 'toISOString', 'toJSON', 'toLocaleDateString',
  'toLocaleTimeString', 'toTimeString', 'toUTCString',
];

const MEMBERS_OF_KIND: Readonly<Record<string, ReadonlySet<string>>> = {
  s: new Set(STRING),
  n: new Set(NUMBER),
  b: new Set<string>(),
  d: new Set(DATE),
};
const OBJECT_MEMBERS: ReadonlySet<string> = new Set(OBJECT);
const ARRAY_MEMBERS: ReadonlySet<string> = new Set(ARRAY);

/** Whether `key` is a method or property the language gives a value of this node's kinds. */
export function isBuiltinMember(key: string, node: FieldNode): boolean {
  if (OBJECT_MEMBERS.has(key)) return true;
  if (node.i !== undefined && ARRAY_MEMBERS.has(key)) return true;
  for (const kind of node.k ?? '') if (MEMBERS_OF_KIND[kind]?.has(key)) return true;
  return false;
}
