/**
 * Whether the CLI's output may hold ANSI colors; the bin decides this once for stdout.
 * `NO_COLOR` set and not empty turns colors off (https://no-color.org); `FORCE_COLOR`
 * (unless `0` or `false`) turns them on without a terminal, as in CI logs, like chalk and
 * picocolors; otherwise colors go only to a terminal that is not `TERM=dumb`.
 */
export function supportsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}
