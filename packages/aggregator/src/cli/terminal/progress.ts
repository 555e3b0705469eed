/**
 * A one-line progress indicator on stderr for runs that take over a second, only on a
 * terminal: CI logs and `--format json|sarif|github` consumers never see it.
 */
export interface Progress {
  onProgress: (modulesRead: number) => void;
  done(): void;
}

export const QUIET: Progress = { onProgress: () => undefined, done: () => undefined };

export function terminalProgress(stream: NodeJS.WriteStream, delayMs = 1000): Progress {
  if (!stream.isTTY) return QUIET;
  const started = Date.now();
  let shown = false;
  return {
    onProgress(modulesRead) {
      if (Date.now() - started < delayMs) return;
      stream.write(`\rvelo-events: ${modulesRead} files read and analyzed…`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
