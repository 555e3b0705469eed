import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { renderHtmlReport } from '../emit/render-html-report';
import type { Report } from '../model';
import { writeFileAtomically } from '../fs/write-file-atomically';
import type { CacheOptions } from './cache-options';
import { withCachedReport } from './with-report';

/**
 * `velo-events report --out FILE`: renders the report as one HTML page and writes it
 * atomically (a temporary file beside it, then a rename), so a browser or a CI artifact
 * upload never sees half a page. Returns the report for the exit code.
 */
export async function writeHtmlReport(options: CacheOptions & { out: string }): Promise<Report> {
  let result!: Report;
  let html = '';
  await withCachedReport(options, (report) => {
    result = report;
    html = renderHtmlReport(report);
  });
  const target = path.resolve(options.out);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFileAtomically(target, html);
  } catch (error) {
    throw new Error(`could not write ${target}`, { cause: error });
  }
  return result;
}
