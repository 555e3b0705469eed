import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import pc from 'picocolors';
import { parseJsonText } from '../base/parse-json-text';
import { UsageError } from '../base/errors';
import { formatPayloadWarning } from '../payload/check-payload';
import { loadSite, type EmitResult, type HandlerOutcome } from '../testing/load-site';
import { MAX_OUTPUT_BYTES } from '../testing/run-handlers';

type Colors = ReturnType<typeof pc.createColors>;

export interface TriggerOptions {
  root: string;
  site?: string;
  payload?: string;
  stubs?: string;
  timeout: string;
  format: 'pretty' | 'json';
  /** Refuse to run (exit 2) when the payload differs from the documented type. */
  strictPayload?: boolean;
}

/** `velo-events trigger`: run one event's handlers locally and say how each ended. */
export async function triggerEvent(
  event: string,
  options: TriggerOptions,
  readStdin: () => Promise<string>,
  color: boolean,
): Promise<{ text: string; ok: boolean }> {
  const timeoutMs = Number(options.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`--timeout must be a positive whole number of milliseconds, not '${options.timeout}'`);
  }
  const payload = await readPayload(options.payload, readStdin);
  const site = await loadSite({
    root: options.root,
    ...(options.site !== undefined ? { site: options.site } : {}),
    ...(options.stubs !== undefined ? { stubs: path.resolve(options.stubs) } : {}),
    timeoutMs,
  });
  if (options.strictPayload && payload !== undefined) {
    const warnings = site.checkPayload(event, payload);
    if (warnings.length > 0) {
      const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more; run without --strict-payload to see them all)` : '';
      throw new UsageError(`--payload ${options.payload === '-' ? 'stdin' : options.payload} does not match the documented type of ${event}: ${formatPayloadWarning(warnings[0]!)}${more}`);
    }
  }
  const result = await site.emit(event, payload);
  const text = options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderOutcomes(site.name, result, color);
  return { text, ok: result.ok };
}

/** undefined without --payload: the run then uses a sample of the documented type. */
async function readPayload(source: string | undefined, readStdin: () => Promise<string>): Promise<unknown> {
  if (source === undefined) return undefined;
  const name = source === '-' ? 'stdin' : source;
  let text: string;
  try {
    text = source === '-' ? await readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`--payload ${name}: cannot read it (${code})`);
  }
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new UsageError(`--payload ${name}:${parsed.line}:${parsed.column}: invalid JSON: ${parsed.message}`);
  return parsed.value;
}

function renderOutcomes(siteName: string, result: EmitResult, color: boolean): string {
  const colors = pc.createColors(color);
  const width = Math.max(...result.handlers.map((h) => h.label.length));
  const lines = [`${result.event} in site ${siteName}: ${result.handlers.length} handler${result.handlers.length === 1 ? '' : 's'} in run order`];
  if (result.payload.source === 'sample') {
    lines.push(colors.dim(`  no --payload: a sample event made from the documented type (velo-events sample ${result.event} prints it)`));
  }
  for (const warning of result.payload.warnings) lines.push(colors.yellow(`  ⚠ payload ${formatPayloadWarning(warning)}`));
  for (const outcome of result.handlers) {
    const mark = outcome.status === 'ran' ? colors.green('✔') : colors.red('✖');
    const status = outcome.status.padEnd(9);
    const time = `${outcome.durationMs.toFixed(1)} ms`.padStart(10);
    lines.push(`  ${mark} ${outcome.label.padEnd(width)}  ${status}${time}`);
    if (outcome.error) {
      const where = outcome.error.location ? ` (${outcome.error.location})` : '';
      lines.push(`      ${outcome.error.name}: ${outcome.error.message}${where}`);
    }
    for (const read of outcome.missingReads) {
      lines.push(colors.yellow(`      ⚠ read ${read.path} (not in this event)${read.location ? ` at ${read.location}` : ''}`));
    }
    lines.push(...printedLines(outcome, colors));
  }
  for (const call of result.calls) lines.push(colors.dim(`  stub ${call.module}.${call.method}(${call.args.map((a) => JSON.stringify(a)).join(', ')})`));
  const failed = result.handlers.filter((h) => h.status !== 'ran').length;
  lines.push(failed === 0 ? colors.green('all handlers ran') : colors.red(`${failed} of ${result.handlers.length} handlers failed`));
  return `${lines.join('\n')}\n`;
}

/** What a handler printed, under its row: stdout as it was, stderr in yellow, each line marked. */
function printedLines(outcome: HandlerOutcome, colors: Colors): string[] {
  const lines: string[] = [];
  for (const { stream, text } of outcome.output) {
    for (const line of text.replace(/\n$/, '').split('\n')) {
      lines.push(`${colors.dim('      │')} ${stream === 'stderr' ? colors.yellow(line) : line}`);
    }
  }
  if (outcome.omittedOutputBytes !== undefined) {
    lines.push(colors.dim(`      │ … and ${formatBytes(outcome.omittedOutputBytes)} more, not kept (the first ${formatBytes(MAX_OUTPUT_BYTES)} of a handler's output are)`));
  }
  return lines;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}
