/**
 * Makes writes to `stream` wait for a pipe's reader instead of queueing in memory. Node
 * queues whatever a non-blocking pipe does not take at once: `check --format json` over
 * 10,000 packages, read through a pipe (as Nx runs commands, or `| jq`), kept all 40 MB of
 * its output as strings and then bytes, and its peak RSS went from ~260 MB to ~420. Writes
 * to a file are synchronous already; so are a terminal's, on Linux and macOS.
 */
export function blockOnPipe(stream: NodeJS.WriteStream): void {
  // Node's own stream internals: the pipe handle's switch that a TTY's handle also has.
  const handle = (stream as unknown as { _handle?: { setBlocking?: (blocking: boolean) => number } })._handle;
  if (stream.isTTY !== true && typeof handle?.setBlocking === 'function') handle.setBlocking(true);
}
