/**
 * What a process killed by SIGPIPE reports to its shell (128 + 13), as `git log | head`
 * does. Node ignores SIGPIPE, so a write after the reader left fails with EPIPE instead.
 */
export const CLOSED_PIPE_EXIT_CODE = 141;

/**
 * Ends the process quietly when the reader of `stream` has gone (`velo-events check | head`):
 * what is left to print has nowhere to go, and Node would otherwise throw the EPIPE of the
 * next write as an unhandled 'error' with its stack. Any other error of the stream is
 * thrown as before.
 */
export function exitWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(CLOSED_PIPE_EXIT_CODE);
  });
}
