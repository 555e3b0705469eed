import { closeSync, openSync, readFileSync, writeSync, type Stats } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeJsonChunks } from '../base/json-chunks';
import { makeDirectory } from '../fs/make-directory';
import type { Finding, Report, RunInputs, WorkspacePackage } from '../model';
import { specifierCandidates } from '../resolve/specifier-candidates';
import { codeFiles } from './code-files';
import { firstExisting, statOrNull } from '../fs/first-existing';
import { installedManifestPath } from '../fs/installed-manifest';
import { changeStampOf } from '../fs/change-stamp';
import { uniqueSuffix } from '../fs/unique-suffix';
import { shortName } from '../base/short-name';
import type { PackageJson } from '../workspace/read-package-json';
import { sourceRootFinder } from '../workspace/source-root-finder';
import type { ManifestMemory } from '../workspace/workspace';
import { writeFileAtomically } from '../fs/write-file-atomically';
import { CODE_ROOT, PACKAGE_ROOT } from '../base/package-layout';
import { ALL_CODES, rulePagePath } from '../validate/codes';

/**
 * The whole report of the last run that read only files from disk, with what it read:
 * the workspace's packages, each module's size and change time, and how each import
 * resolved. A run whose packages are the same, whose modules all keep their stamps and
 * whose imports all still resolve to the same files would compute the same report, so it
 * takes it from here without loading a parser or the module cache (ninja's and make's
 * rule: a result holds while its inputs do). Only a report is kept: commands that need more
 * (build, watch) run the stages.
 *
 * Output is deterministic, so the last command's printed output is kept beside it: run
 * again with the same options, it is printed as it was without even parsing the report.
 */
export interface ReportCache {
  /**
   * The package.json files the last run read, for discovery to reuse while their stamps
   * hold (a warm run then reads none); what discovery reads is kept with the next store.
   */
  manifests: ManifestMemory;
  /**
   * The cached result when every input is unchanged; undefined otherwise. `workspaceFindings`
   * are what discovery said of the workspace's own files: a pattern added that leads outside
   * the root changes the report, not the packages.
   */
  lookup(packages: readonly WorkspacePackage[], workspaceFindings: readonly Finding[]): CachedResult | undefined;
  /**
   * `inputs` plus the stamps, taken now, of the other files the report's diagnostics point
   * at (a package.json): pretty prints their lines, so they are inputs of the output too.
   * Call it before rendering.
   */
  withDiagnosticFiles(inputs: RunInputs, report: Report): RunInputs;
  /** After a run that computed `report` and printed `output`. */
  store(
    packages: readonly WorkspacePackage[],
    workspaceFindings: readonly Finding[],
    inputs: RunInputs,
    report: Report,
    output: CommandOutput | null,
  ): Promise<void>;
}

export interface CachedResult {
  /** undefined when another run has just replaced the entry. */
  report(): Report | undefined;
  /** What the command printed with options `key`, if that was the last one. */
  output(key: string): CommandOutput | undefined;
  /** Keeps this output in place of the last one. */
  storeOutput(output: CommandOutput): Promise<void>;
}

/** What a command printed, and how it exited; `key` names the options that shaped it. */
export interface CommandOutput {
  key: string;
  /**
   * Text, or the text in chunks (a large JSON report); UTF-8 bytes when read back from the
   * cache: copied to stdout as they are, never decoded.
   */
  stdout: string | readonly string[] | Uint8Array;
  stderr: string;
  exitCode: number;
}

/** The small file read first; the report and the output are files of their own, read only when needed. */
interface Header {
  key: string;
  packages: string;
  /** JSON of what discovery reported about the workspace's own files. */
  workspaceFindings: string;
  files: RunInputs['files'];
  resolutions: RunInputs['resolutions'];
  /** Each package.json discovery read: root → size, change time and the fields it uses. */
  manifests: Record<string, [size: number, ctimeMs: number, packageJson: PackageJson]>;
  /** File names in the cache folder. */
  reportFile: string;
  output: { key: string; stderr: string; exitCode: number; file: string } | null;
}

/** `key` (reportCacheKey) names what else the report depends on. One entry per workspace root in `folder`. */
export function openReportCache(folder: string, root: string, key: string): ReportCache {
  const absRoot = path.resolve(root);
  const prefix = `report-${shortName(absRoot)}`;
  const headerFile = path.join(folder, `${prefix}.json`);
  // The root too: another root whose name is the same shares the file, never the entry.
  const entryKey = `${absRoot}\n${key}`;

  const freshName = (kind: string): string => `${prefix}.${uniqueSuffix()}.${kind}`;
  /** Writes the header, then removes this entry's files it no longer names. */
  // Read once, for discovery and then the lookup; another key's entry counts as none.
  let header: Header | null | undefined;
  const storedHeader = (): Header | null => {
    if (header === undefined) {
      try {
        const stored = JSON.parse(readFileSync(headerFile, 'utf8')) as Header;
        header = stored.key === entryKey ? stored : null;
      } catch {
        header = null;
      }
    }
    return header;
  };
  const seenManifests: Header['manifests'] = {};
  const commit = async (header: Header): Promise<void> => {
    await writeFileAtomically(headerFile, JSON.stringify(header));
    const named = new Set([header.reportFile, header.output?.file]);
    for (const name of await readdir(folder)) {
      if (name.startsWith(`${prefix}.`) && name !== path.basename(headerFile) && !name.endsWith('.tmp') && !named.has(name)) {
        await rm(path.join(folder, name), { force: true });
      }
    }
  };
  const outputFields = async (output: CommandOutput): Promise<NonNullable<Header['output']>> => {
    const file = freshName('out');
    await writeFile(path.join(folder, file), output.stdout);
    return { key: output.key, stderr: output.stderr, exitCode: output.exitCode, file };
  };

  return {
    withDiagnosticFiles(inputs, report) {
      const known = new Set(inputs.files.map(([file]) => file));
      const files = [...inputs.files];
      let reusable = inputs.reusable;
      for (const file of new Set(report.diagnostics.map((d) => d.file))) {
        if (known.has(file)) continue;
        const stats = statOrNull(path.join(absRoot, file));
        if (stats?.isFile()) files.push([file, stats.size, stats.ctimeMs]);
        else reusable = false;
      }
      return { ...inputs, files, reusable };
    },
    manifests: {
      recall(packageRoot, stamp) {
        const known = storedHeader()?.manifests?.[packageRoot];
        return known && known[0] === stamp.size && known[1] === stamp.ctimeMs ? known[2] : undefined;
      },
      remember(packageRoot, stamp, packageJson) {
        seenManifests[packageRoot] = [stamp.size, stamp.ctimeMs, packageJson];
      },
    },
    lookup(packages, workspaceFindings) {
      const header = storedHeader();
      if (header === null || header.packages !== JSON.stringify(packages)) return undefined;
      if (header.workspaceFindings !== JSON.stringify(workspaceFindings)) return undefined;
      // Same size and change time as when read (see load-module-graph for why ctime). Each
      // path is stat'ed once: most imports resolve to a module stamped just before.
      const stats = new Map<string, Stats | null>();
      const stat = (absPath: string): Stats | null => {
        let known = stats.get(absPath);
        if (known === undefined) stats.set(absPath, (known = statOrNull(absPath)));
        return known;
      };
      const hasStamp = (absPath: string, size: number, ctimeMs: number): boolean => {
        const found = stat(absPath);
        return found !== null && found.isFile() && found.size === size && found.ctimeMs === ctimeMs;
      };
      if (!header.files.every(([module, size, ctimeMs]) => hasStamp(path.join(absRoot, module), size, ctimeMs))) return undefined;
      const sourceRootOf = sourceRootFinder(packages);
      const resolveSame = ([importer, specifier, target]: RunInputs['resolutions'][number]): boolean =>
        firstExisting(absRoot, specifierCandidates(importer, specifier, sourceRootOf(importer)), stat) === target;
      if (!header.resolutions.every(resolveSame)) return undefined;
      // Another run may replace the entry meanwhile: a file gone is a miss, never a wrong answer.
      const readBytes = (name: string): Buffer | undefined => {
        try {
          return readFileSync(path.join(folder, name));
        } catch {
          return undefined;
        }
      };
      return {
        report() {
          const bytes = readBytes(header.reportFile);
          return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as Report);
        },
        output(outputKey) {
          if (!header.output || header.output.key !== outputKey) return undefined;
          const stdout = readBytes(header.output.file);
          return stdout === undefined ? undefined : { key: outputKey, stdout, stderr: header.output.stderr, exitCode: header.output.exitCode };
        },
        async storeOutput(output) {
          await makeDirectory(folder);
          await commit({ ...header, output: await outputFields(output) });
        },
      };
    },
    async store(packages, workspaceFindings, inputs, report, output) {
      if (!inputs.reusable) return;
      await makeDirectory(folder);
      const reportFile = freshName('report.json');
      writeJsonFile(path.join(folder, reportFile), report);
      await commit({
        key: entryKey,
        packages: JSON.stringify(packages),
        workspaceFindings: JSON.stringify(workspaceFindings),
        files: inputs.files,
        resolutions: inputs.resolutions,
        manifests: seenManifests,
        reportFile,
        output: output && (await outputFields(output)),
      });
    },
  };
}

/**
 * What a report depends on besides the files it read: the aggregator's build and the
 * config (`canonicalJson` of it). Kept whole in the entry and compared as text.
 */
export function reportCacheKey(config: string): string {
  return `${aggregatorBuild()}\n${config}`;
}

let build: string | null = null;

/** The parsers whose versions decide what a report says. */
const PARSERS = ['ts-morph', '@ts-morph/common', 'acorn', 'fastest-levenshtein'];

/**
 * Identifies the aggregator's code (every compiled module, src/ under ts-jest), its
 * built-in catalog, its rule pages (SARIF carries them as each rule's help) and the parsers it
 * uses, so a report made by another build or install is never reused, version bump or not. Each file counts by its size and inode change time,
 * which every build (of the code) and every install (of the parsers) moves and nothing sets
 * back; reading and hashing them would cost a warm run ~6 ms, node:crypto's loading included.
 */
function aggregatorBuild(): string {
  build ??= fileStamps([
    ...codeFiles(CODE_ROOT).map((name): [string, string] => [name, path.join(CODE_ROOT, name)]),
    ...ALL_CODES.map((code): [string, string] => [rulePagePath(code), path.join(PACKAGE_ROOT, rulePagePath(code))]),
    ['catalog.json', path.join(PACKAGE_ROOT, 'catalog', 'catalog.json')],
    // The known fields of each event: what `event-field` reports with (validate/event-fields).
    ['event-fields.json', path.join(PACKAGE_ROOT, 'catalog', 'event-fields.json')],
    ...PARSERS.map((parser): [string, string] => [parser, installedManifestPath(parser)]),
  ]);
  return build;
}

/** One line per file: its name and its change stamp (size, inode change time). */
export function fileStamps(files: readonly (readonly [name: string, file: string])[]): string {
  return files
    .map(([name, file]) => {
      // A listed file gone (a dist/ tidied by hand) is part of the identity, not a crash.
      const stamp = changeStampOf(file);
      return stamp ? `${name}\0${stamp[0]}\0${stamp[1]}` : `${name}\0missing`;
    })
    .join('\n');
}

/**
 * `JSON.stringify(value)` into `file` a chunk at a time: at 10,000 packages the report is
 * 24 MB of JSON, which as one string and then one buffer held ~48 MB more at the end of a
 * cold run filling the cache. The file has a fresh name and is named only once complete.
 */
function writeJsonFile(file: string, value: unknown): void {
  const fd = openSync(file, 'w');
  try {
    writeJsonChunks(
      value,
      (chunk) => {
        const bytes = Buffer.from(chunk, 'utf8');
        for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      },
      { compact: true },
    );
  } finally {
    closeSync(fd);
  }
}
