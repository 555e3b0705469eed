import type { EventRead, SdkRegistrationFact } from '../analyze/module-facts';
import { isHandlerShaped } from '../analyze/names';
import type { Finding, Location, SourceHandler } from '../model';
import type { ResolvedExport } from '../resolve/resolve-exports';
import type { ResolvedValue } from '../resolve/resolved-value';
import type { Catalog } from './catalog';
import { checkEventFields } from './check-event-fields';
import { checkExportName } from './check-export-name';
import { builtinEventFields, type EventFields } from './event-fields';

export interface ValidatedSource {
  handlers: SourceHandler[];
  findings: Finding[];
}

/**
 * One events file's resolved exports → the handlers Velo calls and the findings for
 * everything it will not call (shared/SPEC.md §3–§4), and for the fields of its `event` a
 * documented handler reads that Velo never sets (`event-field`). `eventFields` is loaded
 * only when a documented handler reads its event. `readsElsewhere` reads a function its own
 * module exports under a name that is not a handler's (analysis reads only handler-named
 * ones): the caller has the texts.
 */
export function validateSource(
  exports: readonly ResolvedExport[],
  registrations: readonly SdkRegistrationFact[],
  catalog: Catalog,
  eventFields: () => EventFields = builtinEventFields,
  readsElsewhere: (place: { file: string; readRange: [number, number] }) => EventRead[] = () => [],
): ValidatedSource {
  const handlers: SourceHandler[] = [];
  const findings: Finding[] = [];
  const exportedNames = new Set(exports.map((e) => e.name));

  for (const { name, nameAt, value } of exports) {
    if (value.kind === 'unresolved') continue; // its chain's problem is already reported
    if (value.kind === 'bare') {
      findings.push({
        code: 'unsupported-export',
        ...nameAt,
        message: `\`${name}\` is re-exported from the package '${value.specifier}'; Velo does not support re-exporting package code in events.js. Import it and export a function that calls it: \`export function ${name}(event) { return imported(event); }\``,
      });
      continue;
    }
    const verdict = checkExportName(name, nameAt, catalog);
    let wrapsHandlers = false;
    if (value.kind === 'object') {
      const wrapped = wrappedHandlers(name, value.members.map((m) => m.name)).filter((h) => !exportedNames.has(h));
      wrapsHandlers = wrapped.length > 0;
      if (wrapped.length > 0) {
        findings.push({
          code: 'unsupported-export',
          ...nameAt,
          message: `\`${name}\` wraps handlers in an object (${wrapped.map((h) => `\`${h}\``).join(', ')}); Velo calls only functions exported by name. Export each one: ${wrapped
            .map((h) => `\`export function ${h}(event) { … }\``)
            .join(', ')}`,
        });
      }
    }
    if (verdict.role !== 'handler') {
      // For an object that wraps handlers the unsupported-export says all there is.
      if (!(wrapsHandlers && verdict.role === 'other')) findings.push(...verdict.findings);
      continue;
    }
    if (value.kind === 'function') {
      findings.push(...verdict.findings);
      if (value.extraParamAt) findings.push(arityFinding(name, value.params, value.extraParamAt));
      // The name Velo calls decides the event, whatever the function is called where it is written.
      if (verdict.module !== null) {
        const reads = value.eventReads ?? (value.readRange === undefined ? [] : readsElsewhere({ file: value.at.file, readRange: value.readRange }));
        if (reads.length > 0) findings.push(...checkEventFields(name, reads, value.at.file, eventFields()));
      }
      // Every field written out: a spread here left each of 100,000 handlers (at 10,000
      // packages) with a 40-byte overflow array for the fields its shape had no room for.
      handlers.push({
        export: name,
        module: verdict.module,
        event: verdict.event,
        file: value.at.file,
        line: value.at.line,
        column: value.at.column,
        async: value.async,
      });
    } else if (value.kind === 'dynamic') {
      findings.push({
        code: 'unsupported-export',
        ...nameAt,
        message: `\`${name}\` is bound to ${value.what}, a value only known by running code; Velo does not support dynamic exports in events.js. Write \`export function ${name}(event) { … }\` and compute inside it`,
      });
    } else {
      findings.push({
        code: 'not-a-function',
        ...nameAt,
        message: `\`${name}\` is bound to ${describeNonFunction(value)}, not a function; Velo can only call a function. Write \`export function ${name}(event) { … }\``,
      });
    }
  }

  for (const registration of registrations) findings.push(sdkRegistrationFinding(registration, catalog));
  return { handlers, findings };
}

/**
 * Handler names an exported object implies: members that are handler names themselves,
 * or that become one with the export's name as prefix (`wixCrm = { onContactCreated }`).
 */
function wrappedHandlers(exportName: string, members: readonly string[]): string[] {
  const names = new Set<string>();
  for (const member of members) {
    if (isHandlerShaped(member)) names.add(member);
    else if (isHandlerShaped(`${exportName}_${member}`)) names.add(`${exportName}_${member}`);
  }
  return [...names];
}

function describeNonFunction(value: Exclude<ResolvedValue, { kind: 'function' | 'dynamic' | 'bare' | 'unresolved' }>): string {
  return value.kind === 'object' ? 'an object' : value.what;
}

function arityFinding(name: string, params: number, at: Location): Finding {
  return {
    code: 'handler-arity',
    ...at,
    message: `\`${name}\` declares ${params} parameters, but Velo calls a backend event handler with one argument, \`event\`; the others never receive a value. Declare \`${name}(event)\``,
  };
}

function sdkRegistrationFinding(registration: SdkRegistrationFact, catalog: Catalog): Finding {
  const candidates = catalog.entriesForEvent(registration.event).map((e) => e.handler);
  const instead =
    candidates.length > 0
      ? `export ${candidates.map((h) => `\`${h}(event)\``).join(' or ')} from events.js instead`
      : `export the matching Velo handler \`<prefix>_${registration.event}(event)\` from events.js instead`;
  return {
    code: 'sdk-registration',
    file: registration.at.file,
    line: registration.at.line,
    column: registration.at.column,
    message: `\`${registration.callee}(…)\` registers a callback through the SDK module '${registration.module}'; on Wix sites these callbacks never run, only Velo handlers in events.js do — ${instead}`,
    ...(candidates[0] ? { suggestion: candidates[0] } : {}),
  };
}
