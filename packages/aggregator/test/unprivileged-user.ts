import { spawnSync } from 'node:child_process';
import { itNeeding } from './machine-requirements';

/**
 * File modes only stop a process without privileges: root reads and enters anything
 * (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), and CI's `.ci/run` runs as root. A test of an
 * unreadable file therefore runs its reading in a child Node process without them. As root
 * that child is started through util-linux's `setpriv` with both capabilities out of its
 * bounding set: still root, still the owner of the checkout and of the test's temp folders
 * (which may sit below a folder only root may enter, as a `mktemp -d` clone does), but held
 * to their modes. As any other user the child simply runs as that user.
 */
export interface UnprivilegedUser {
  /** Who it is, for messages. */
  name: string;
  /** What to start Node through: nothing, or `setpriv` and its arguments. */
  prefix: string[];
}

export interface NodeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const SETPRIV = ['setpriv', '--bounding-set=-dac_override,-dac_read_search'];

/** Runs `script` (CommonJS) in a new Node process as `user`. */
export function runNodeAs(user: UnprivilegedUser, script: string): NodeRun {
  const [command, ...args] = [...user.prefix, process.execPath, '-'];
  const result = spawnSync(command!, args, { input: script, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw new Error(`could not start node as ${user.name}`, { cause: result.error });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A test that needs an unprivileged process. Where there is none (root without `setpriv`, or
 * not allowed to use it) it fails in CI and is skipped elsewhere, with the reason
 * (machine-requirements.ts).
 */
export function itAsUnprivilegedUser(title: string, fn: (user: UnprivilegedUser) => Promise<void>, timeout?: number): void {
  const user = (found ??= findUnprivilegedUser());
  if (typeof user === 'string') itNeeding(user, title, async () => {}, timeout);
  else itNeeding(null, title, () => fn(user), timeout);
}

let found: UnprivilegedUser | string | undefined;

/** The user, or why there is none. */
function findUnprivilegedUser(): UnprivilegedUser | string {
  const uid = process.getuid?.();
  if (uid === undefined) return 'this platform has no POSIX user ids to drop privileges to';
  if (uid !== 0) return { name: `the current user (uid ${uid})`, prefix: [] };
  const user: UnprivilegedUser = { name: 'root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv)', prefix: SETPRIV };
  // A real start that shows the capabilities are gone: a container may forbid dropping them,
  // and a machine without util-linux has no setpriv.
  try {
    const probe = runNodeAs(user, "process.stdout.write(require('node:fs').readFileSync('/proc/self/status', 'utf8').match(/^CapEff:\\s*(\\w+)/m)[1]);");
    const effective = BigInt(`0x${probe.stdout || '0'}`);
    // CAP_DAC_OVERRIDE is bit 1, CAP_DAC_READ_SEARCH bit 2.
    if (probe.status !== 0 || (effective & 0b110n) !== 0n) {
      return `node started through ${SETPRIV.join(' ')} exited with ${probe.status}, capabilities ${JSON.stringify(probe.stdout)} ${JSON.stringify(probe.stderr.trim())}`;
    }
  } catch (error) {
    return `${(error as Error).message}: ${String((error as Error).cause)}`;
  }
  return user;
}
