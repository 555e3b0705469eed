import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { REPORTERS, REPORT_FORMATS, type ReportFormat } from '../emit/reporters';
import { countSeverities, plural } from '../emit/summary';
import { renderList } from '../emit/render-list';
import { UsageError } from '../errors';
import type { Report } from '../model';
import { openCacheFor, type CacheOptions } from './cache-options';
import { QUIET, terminalProgress } from './progress';
import type { FixFlags } from './fix-events-files';
import type { TriggerOptions } from './trigger-event';
import { strictSeverities } from '../validate/strict-severities';
import { VERSION } from '../version';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal that takes colors. */
  color: boolean;
  /** All of standard input (for `--payload -`); the process's own by default. */
  readStdin?: () => Promise<string>;
}

export const EXIT = { ok: 0, errors: 1, usage: 2, internal: 3 } as const;

const ISSUES_URL = 'https://github.com/velo-events/velo-events/issues';

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
    .option('--no-cache', 'neither read nor write the per-file analysis cache')
    .option('--cache-location <dir>', 'keep the cache there (default <root>/node_modules/.cache/velo-events)')
    .action(async (options: { root: string; format: ReportFormat; maxWarnings?: number; strict?: boolean } & CacheOptions & FixFlags) => {
      const texts = options.fix || options.fixDryRun ? await fixWith(options, options.format === 'pretty' ? io.stdout : io.stderr) : undefined;
      await withReport({ ...options, texts }, (aggregated) => {
        const report = options.strict ? strictSeverities(aggregated) : aggregated;
        // A pretty dry run prints the diff instead: code frames would show the files on disk, not the fixed text.
        if (!(options.fixDryRun && options.format === 'pretty')) io.stdout(REPORTERS[options.format](report, { root: options.root, color: io.color }));
        exitCode = exitCodeOf(report);
        const excess = warningsOverLimit(report, options.maxWarnings);
        if (excess !== null) {
          io.stderr(`velo-events: ${excess}\n`);
          exitCode = EXIT.errors;
        }
      });
    });

  program
    .command('list')
    .description("print each site's dispatch table: event → handlers in run order")
    .option('--root <dir>', 'workspace root', '.')
    .option('--site <name>', 'only this site')
    .option('--no-cache', 'neither read nor write the per-file analysis cache')
    .option('--cache-location <dir>', 'keep the cache there (default <root>/node_modules/.cache/velo-events)')
    .action(async (options: { root: string; site?: string } & CacheOptions) => {
      await withReport(options, (report) => {
        io.stdout(renderList(selectSite(report, options.site)));
        exitCode = exitCodeOf(report);
      });
    });

  program
    .command('build')
    .description("write each site's dispatch manifest and a deployable copy with the generated dispatcher")
    .option('--root <dir>', 'workspace root', '.')
    .option('--site <names...>', 'only these sites')
    .option('--out <dir>', 'write to <dir>/<site> instead of <site root>/dist/velo-events')
    .option('--from-analyses', "reuse the packages' current dist/velo-events/analysis.json (the Nx targets do)")
    .option('--no-cache', 'neither read nor write the per-file analysis cache')
    .option('--cache-location <dir>', 'keep the cache there (default <root>/node_modules/.cache/velo-events)')
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
    .option('--payload <file>', 'the event as JSON; - reads stdin')
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
    .command('analyze')
    .description("analyze one Velo package into <package>/dist/velo-events/analysis.json (the Nx analysis target)")
    .option('--root <dir>', 'workspace root', '.')
    .requiredOption('--package <dir>', 'the Velo package root')
    .action(async (options: { root: string; package: string }) => {
      const { analyzePackage } = await import('./analyze-package');
      io.stdout(`${await analyzePackage(options.root, options.package)}\n`);
    });

  try {
    await program.parseAsync(['node', 'velo-events', ...argv]);
    return exitCode;
  } catch (error) {
    return failureExitCode(error, io);
  }
}

/**
 * Aggregates and hands the report to `use`; the cache is written back only after `use`
 * succeeded. The library is loaded on first use: `--help` needs none of it.
 */
async function withReport(
  options: CacheOptions & { format?: string; texts?: ReadonlyMap<string, string> },
  use: (report: Report) => void,
): Promise<void> {
  const { aggregate } = await import('../aggregate');
  const cache = await openCacheFor(options);
  // Only people reading a terminal get a progress line; machine formats stay clean.
  const progress = options.format === undefined || options.format === 'pretty' ? terminalProgress(process.stderr) : QUIET;
  const { report } = await aggregate({ root: options.root, cache, onProgress: progress.onProgress, texts: options.texts });
  progress.done();
  use(report);
  await cache.save();
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

function exitCodeOf(report: Report): number {
  return report.diagnostics.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
}

/** `--max-warnings`: a count of warnings, so a non-negative integer (commander: a usage error). */
function parseWarningLimit(value: string): number {
  const limit = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(limit)) throw new InvalidArgumentError('expected a non-negative integer.');
  return limit;
}

/** Why the run fails `--max-warnings`, or null; said on stderr so machine formats stay clean. */
function warningsOverLimit(report: Report, limit: number | undefined): string | null {
  const warnings = countSeverities(report.diagnostics).warning;
  if (limit === undefined || warnings <= limit) return null;
  return `${plural(warnings, 'warning')}, more than --max-warnings ${limit} allows`;
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
  io.stderr(`velo-events: internal error — this is a bug, please report it at ${ISSUES_URL} with this output:\n${stack}\n`);
  return EXIT.internal;
}
