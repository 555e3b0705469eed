import * as path from 'node:path';
import { watch } from 'chokidar';
import type { Aggregation } from '../aggregate';
import { IGNORED_FOLDERS } from '../workspace/package-roots';
import { UsageError } from '../base/errors';
import { cacheFolderFor, type CacheOptions } from './cache-options';
import { printCheckReport, type CheckReportOptions } from './check-report';
import type { CliIo } from './cli-io';
import { withReport } from './with-report';

export type WatchCheckOptions = CheckReportOptions & CacheOptions;

export interface WatchSettings {
  /** Quiet time after the last change before re-running (editors save in bursts). */
  debounceMs?: number;
  /** Clear the screen before each report: only when stdout is a terminal. */
  clearScreen?: boolean;
}

/** Folders that never hold a site's or package's sources: the ones discovery skips. */
const IGNORED = new Set(IGNORED_FOLDERS);

/**
 * Files whose change can change the workspace model (sites, packages, membership, config), or
 * the report without being a module of it: an events.ts and the like are read but never
 * analyzed as modules (workspace/ignored-events-files).
 */
const WORKSPACE_FILES = new Set([
  'events.js',
  'package.json',
  'wix.config.json',
  'velo-events.config.json',
  'pnpm-workspace.yaml',
  'events.ts',
  'events.tsx',
  'events.jsx',
  'events.mjs',
  'events.cjs',
]);

// ESC[2J clears the screen, ESC[3J the scrollback, ESC[H homes the cursor (what Jest's and tsc's watch modes write).
const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

/**
 * `velo-events check --watch`: reports once, then again after every change that can change
 * the report, until `signal` aborts (Ctrl-C). Each report goes through `printCheckReport`
 * after a fresh `aggregate()`, so it is byte for byte what `check` would print then. A
 * usage error (a config or package.json being edited) is said on stderr and watching goes
 * on; an internal error stops the watch and is thrown.
 */
export async function watchCheck(options: WatchCheckOptions, io: CliIo, signal: AbortSignal, settings: WatchSettings = {}): Promise<void> {
  const debounceMs = settings.debounceMs ?? 100;
  const root = path.resolve(options.root);
  // Ignored even with --no-cache: another run may write there.
  const cacheFolder = cacheFolderFor({ ...options, cache: true })!;
  /** What the last run depended on; null until a run has finished, when every change counts. */
  let inputs: WatchedInputs | null = null;

  const isIgnored = (file: string): boolean => {
    if (file === cacheFolder || file.startsWith(cacheFolder + path.sep)) return true;
    const relative = path.relative(root, file);
    return relative.split(path.sep).some((segment) => IGNORED.has(segment));
  };
  const matters = (event: string, file: string): boolean => {
    if (inputs === null || WORKSPACE_FILES.has(path.basename(file)) || inputs.modules.has(file)) return true;
    // A file added to or removed from a site or Velo package may be an import that did not resolve before.
    // (A removed folder comes with an `unlink` per file, its package.json among them.)
    return (event === 'add' || event === 'unlink') && inputs.packageRoots.some((root) => file.startsWith(root));
  };

  let fatal: unknown = null;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  if (signal.aborted) stop();
  signal.addEventListener('abort', () => stop(), { once: true });

  const runOnce = async (): Promise<void> => {
    if (signal.aborted || fatal !== null) return;
    if (settings.clearScreen) io.stdout(CLEAR_SCREEN);
    try {
      await withReport(options, (report, aggregation) => {
        printCheckReport(report, options, io);
        inputs = inputsOf(root, aggregation);
      });
    } catch (error) {
      if (!(error instanceof UsageError)) {
        fatal = error;
        stop();
        return;
      }
      io.stderr(`velo-events: ${error.message}\n`);
    }
    io.stderr('velo-events: watching for changes (Ctrl-C to stop)\n');
  };

  let queue = Promise.resolve();
  let queued = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A burst during a run leads to one more run after it, not one per change.
      if (queued) return;
      queued = true;
      queue = queue.then(() => {
        queued = false;
        return runOnce();
      });
    }, debounceMs);
  };

  const watcher = watch(root, { ignoreInitial: true, ignored: isIgnored });
  watcher.on('all', (event, file) => {
    if (matters(event, file)) schedule();
  });
  watcher.on('error', (error) => {
    fatal = new Error(`velo-events: watching ${root} failed`, { cause: error });
    stop();
  });
  try {
    // Watch first, then report: a change made during the first run is not missed.
    await Promise.race([new Promise<void>((resolve) => watcher.once('ready', () => resolve())), stopped]);
    queue = queue.then(runOnce);
    await stopped;
  } finally {
    clearTimeout(timer);
    await watcher.close();
    await queue;
  }
  if (fatal !== null) throw fatal;
}

interface WatchedInputs {
  /** Absolute paths of every module a run read: events files and what they import. */
  modules: Set<string>;
  /** Absolute folders (with a trailing separator) of the sites and Velo packages. */
  packageRoots: string[];
}

/** What a report depends on, from each site's and package's analysis (`sources`). */
function inputsOf(root: string, aggregation: Aggregation): WatchedInputs {
  const modules = new Set<string>();
  for (const analysis of aggregation.analyses.values()) {
    for (const source of analysis.sources) modules.add(path.join(root, source.file));
  }
  const packageRoots = aggregation.packages.filter((p) => p.kind !== 'other').map((p) => path.join(root, p.root, path.sep));
  return { modules, packageRoots };
}
