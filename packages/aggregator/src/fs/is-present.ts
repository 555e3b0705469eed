import { lstatSync } from 'node:fs';
import { fileSystemErrorCode } from './file-system-error-code';

/**
 * Whether something exists at the path; a broken link or loop counts, so it gets reported.
 * Synchronous: discovery asks this thousands of times, and a thread-pool round trip (or
 * even a promise) per question costs more than the question.
 */
export function isPresent(absPath: string): boolean {
  try {
    // No exception for the usual "not there": throwing one costs more than the system call.
    return lstatSync(absPath, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    const code = fileSystemErrorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    // EACCES, ELOOP on a parent…: something is there that we cannot look at. Say it is
    // present, so reading it later produces a read-error diagnostic rather than silence.
    return true;
  }
}
