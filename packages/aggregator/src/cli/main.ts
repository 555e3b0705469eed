import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../emit/reporters/formats';
import { UsageError } from '../base/errors';
import type { Report } from '../model';
import type { CacheOptions } from './cache-options';
import type { CliIo } from './cli-io';
import { EXIT, exitCodeOf, printCheckReport } from './check-report';
import type { FixFlags } from './fix-events-files';
import type { SampleOptions } from './print-sample-event';
import type { TriggerOptions } from './trigger-event';
import { flattened } from '../base/flattened';
import { readPackageLinks } from '../base/package-links';
import { VERSION } from '../base/version';
import { printCachedReport, type Printed } from './with-report';

export type { CliIo };
export { EXIT };

// One definition for every command that analyzes (commander needs a fresh Option each time).
const NO_CACHE_OPTION = (): Option => new Option('--no-cache', 'neither read nor write the per-file analysis cache');
const CACHE_LOCATION_OPTION = (): Option =>
  new Option('--cache-location <dir>', 'keep the cache there (default <root>/node_modules/.cache/velo-events)');

/**
 * Parses arguments and calls the library; nothing else. Returns the exit code instead of
 * exiting so tests can run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('velo-events')
    .description('Find, check and merge Wix Velo backend events.js handlers across a monorepo')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // shared/SPEC.md §5: a usage error is one line on stderr.
      outputError: (text, write) => write(`velo-events: ${oneLine(text.replace(/^error: /, ''))} (see velo-events --help)\n`),
    });

  program
    .command('check')
    .description('analyze every events.js and report problems; writes nothing unless --fix')
    .option('--root <dir>', 'workspace root', '.')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('pretty'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseWarningLimit)
    .option('--strict', 'report every warning as an error (and exit 1 on it)')
    .option('--fix', 'first rewrite events.js files with the fixes whose meaning is certain, then report what is left')
    .addOption(new Option('--fix-dry-run', 'print those fixes as a unified diff per file and write nothing; exits as check would after them').conflicts('fix'))
    .addOption(NO_CACHE_OPTION())
    .addOption(CACHE_LOCATION_OPTION())
    .addOption(new Option('--watch', 'report again on every change of events.js files, their imports, package.json or the config; Ctrl-C stops').conflicts(['fix', 'fixDryRun']))
    .action(async (options: { root: string; format: ReportFormat; maxWarnings?: number; strict?: boolean; watch?: boolean } & CacheOptions & FixFlags) => {
      if (options.watch) {
        const { watchCheck } = await import('./watch-check');
        // Ctrl-C ends the watch, which is its normal end: exit 0. Other commands keep Node's default SIGINT.
        const interrupt = new AbortController();
        const onSigint = (): void => interrupt.abort();
        if (!io.signal) process.once('SIGINT', onSigint);
        try {
          await watchCheck(options, io, io.signal ?? interrupt.signal, { clearScreen: io.isTTY === true });
        } finally {
          process.removeListener('SIGINT', onSigint);
        }
        return;
      }
      const texts = options.fix || options.fixDryRun ? await fixWith(options, options.format === 'pretty' ? io.stdout : io.stderr) : undefined;
      const outputKey = JSON.stringify(['check', options.format, options.maxWarnings ?? null, options.strict === true, io.color]);
      exitCode = await printCachedReport(
        { ...options, texts },
        outputKey,
        (report) => captured(io, (into) => printCheckReport(report, options, into)),
        printTo(io),
        (report) => printCheckReport(report, options, io),
      );
    });

  program
    .command('list')
    .description("print each site's dispatch table: event → handlers in run order")
    .option('--root <dir>', 'workspace root', '.')
    .option('--site <name>', 'only this site')
    .addOption(NO_CACHE_OPTION())
    .addOption(CACHE_LOCATION_OPTION())
    .action(async (options: { root: string; site?: string } & CacheOptions) => {
      const outputKey = JSON.stringify(['list', options.site ?? null]);
      // Loaded here: a run answered from the report cache prints without rendering.
      const render = (report: Report): Printed => {
        const { renderList } = require('../emit/render-list') as typeof import('../emit/render-list');
        return { stdout: renderList(selectSite(report, options.site)), stderr: '', exitCode: exitCodeOf(report) };
      };
      exitCode = await printCachedReport(options, outputKey, render, printTo(io));
    });

  program
    .command('report')
    .description('write the report as one self-contained HTML page: each site\'s table, conflicts and diagnostics, a text filter')
    .option('--root <dir>', 'workspace root', '.')
    .requiredOption('--out <file>', 'the HTML file to write')
    .addOption(NO_CACHE_OPTION())
    .addOption(CACHE_LOCATION_OPTION())
    .action(async (options: { root: string; out: string } & CacheOptions) => {
      const { writeHtmlReport } = await import('./write-html-report');
      const report = await writeHtmlReport(options);
      io.stdout(`wrote ${options.out}\n`);
      exitCode = exitCodeOf(report);
    });

  program
    .command('build')
    .description("write each site's dispatch manifest and a deployable copy with the generated dispatcher")
    .option('--root <dir>', 'workspace root', '.')
    .option('--site <names...>', 'only these sites')
    .option('--out <dir>', 'write to <dir>/<site> instead of <site root>/dist/velo-events')
    .option('--from-analyses', "reuse the packages' current dist/velo-events/analysis.json (the Nx targets do)")
    .addOption(NO_CACHE_OPTION())
    .addOption(CACHE_LOCATION_OPTION())
    .action(async (options: { root: string; site?: string[]; out?: string; fromAnalyses?: boolean } & CacheOptions) => {
      const { buildSites } = await import('./build-sites');
      const result = await buildSites(options);
      io.stdout(result.text);
      exitCode = result.failed ? EXIT.errors : EXIT.ok;
    });

  program
    .command('trigger <handlerName>')
    .description("run a site's handlers for one event locally with a payload (Velo events never fire in preview)")
    .option('--root <dir>', 'workspace root', '.')
    .option('--site <name>', 'the site (required when the workspace has several)')
    .option('--payload <file>', 'the event as JSON; - reads stdin (default: a sample of the documented type)')
    .option('--strict-payload', 'exit 2 without running when the payload differs from the documented type')
    .option('--stubs <dir>', 'stub modules for wix-* / @wix/* imports (<dir>/wix-data.js, …)')
    .option('--timeout <ms>', 'a handler that has not settled by then is reported as timed out', '30000')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .action(async (handlerName: string, options: TriggerOptions) => {
      const { triggerEvent } = await import('./trigger-event');
      const result = await triggerEvent(handlerName, options, io.readStdin ?? readProcessStdin, io.color);
      io.stdout(result.text);
      exitCode = result.ok ? EXIT.ok : EXIT.errors;
    });

  program
    .command('sample <handlerName>')
    .description("print a sample event for a handler, made from its documented type, to save and edit as a --payload")
    .option('--root <dir>', 'workspace root', '.')
    .option('--site <name>', 'check that this site handles the event')
    .action(async (handlerName: string, options: SampleOptions) => {
      const { printSampleEvent } = await import('./print-sample-event');
      io.stdout(await printSampleEvent(handlerName, options));
      exitCode = EXIT.ok;
    });

  program
    .command('analyze')
    .description("analyze one Velo package into <package>/dist/velo-events/analysis.json (the Nx analysis target)")
    .option('--root <dir>', 'workspace root', '.')
    .requiredOption('--package <dir>', 'the Velo package root')
    .action(async (options: { root: string; package: string }) => {
      const { analyzePackage } = await import('./analyze-package');
      io.stdout(`${await analyzePackage(options.root, options.package)}\n`);
    });

  program
    .command('explain [code]')
    .description("print a diagnostic code's rule page; without a code, list every code")
    .action(async (code: string | undefined) => {
      const { explainCode } = await import('./explain-code');
      io.stdout(explainCode(code, io.color));
      exitCode = EXIT.ok;
    });

  try {
    await program.parseAsync(['node', 'velo-events', ...argv]);
    return exitCode;
  } catch (error) {
    return failureExitCode(error, io);
  }
}

/** `check --fix` / `--fix-dry-run` (issue 8); loaded only when asked for. */
async function fixWith(options: CacheOptions & FixFlags, say: (text: string) => void): Promise<ReadonlyMap<string, string> | undefined> {
  const { fixEventsFiles } = await import('./fix-events-files');
  return fixEventsFiles(options, say);
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/** `--max-warnings`: a count of warnings, so a non-negative integer (commander: a usage error). */
function parseWarningLimit(value: string): number {
  const limit = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(limit)) throw new InvalidArgumentError('expected a non-negative integer.');
  return limit;
}

function selectSite(report: Report, site: string | undefined): Report {
  if (site === undefined) return report;
  const sites = report.sites.filter((s) => s.name === site);
  if (sites.length === 0) {
    const known = report.sites.map((s) => s.name).join(', ') || 'none';
    throw new UsageError(`unknown site '${site}' (sites: ${known})`);
  }
  return { ...report, sites };
}

function failureExitCode(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander already printed help, the version or its own one-line error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr(`velo-events: ${error.message}\n`);
    return EXIT.usage;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const where = bugsUrl();
  const request = where === undefined ? 'please report it with this stack trace' : `please report it at ${where} with this output`;
  io.stderr(`velo-events: internal error — this is a bug, ${request}:\n${stack}\n`);
  return EXIT.internal;
}

/** package.json `bugs`, if it names a URL. Reading it must not hide the error being reported. */
function bugsUrl(): string | undefined {
  try {
    return readPackageLinks().bugs;
  } catch {
    return undefined;
  }
}

/** Runs `print` with an io that keeps what it writes: the report cache stores it. */
function captured(io: CliIo, print: (into: CliIo) => number): Printed {
  // Kept as the chunks written: joined, a large JSON report would be one huge string. Each
  // flattened: a chunk of JSON is a rope of its ~1,000 pieces, and kept as ropes the 40 MB of
  // a 10,000-package report took ~150 MB.
  const stdout: string[] = [];
  let stderr = '';
  const exitCode = print({ ...io, stdout: (text) => stdout.push(flattened(text)), stderr: (text) => (stderr += text) });
  return { stdout, stderr, exitCode };
}

function printTo(io: CliIo): (printed: Printed) => void {
  return ({ stdout, stderr }) => {
    if (typeof stdout === 'string') {
      if (stdout !== '') io.stdout(stdout);
    } else if (Array.isArray(stdout)) {
      for (const chunk of stdout as readonly string[]) if (chunk !== '') io.stdout(chunk);
    } else if (io.stdoutBytes) {
      io.stdoutBytes(stdout as Uint8Array);
    } else {
      io.stdout(Buffer.from(stdout as Uint8Array).toString('utf8'));
    }
    if (stderr !== '') io.stderr(stderr);
  };
}
