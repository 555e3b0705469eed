/** Where a command's output goes and what it may ask of its terminal: the process's own, or a test's. */
export interface CliIo {
  stdout: (text: string) => void;
  /** Output read back from the cache as UTF-8 bytes; without it they are decoded for `stdout`. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal that takes colors. */
  color: boolean;
  /** All of standard input (for `--payload -`); the process's own by default. */
  readStdin?: () => Promise<string>;
  /** Stops `check --watch`; the CLI's aborts on Ctrl-C (SIGINT). */
  signal?: AbortSignal;
  /** Whether stdout is a terminal (`check --watch` clears it before each report). */
  isTTY?: boolean;
}
