/**
 * A value as one word of the command line Nx runs a target's command through (a shell: sh on
 * POSIX, cmd.exe on Windows). A package's root and name come from the user's folders and
 * package.json: a folder named `a b` or `$(curl …)` must reach velo-events as that one
 * argument, never split or run (shared/SPEC.md §7: generated code never trusts names or
 * paths). Plain words stay as they are, so the usual commands read as before.
 */
export function shellWord(value: string, platform: NodeJS.Platform = process.platform): string {
  if (/^[A-Za-z0-9@+=:,./_-]+$/.test(value)) return value;
  // cmd.exe: inside double quotes nothing is special but `"` itself and `%`, which a Windows
  // folder name may hold (`"` it may not); `%%` is not an escape on a command line, so `%`
  // is closed out of the quotes and put back escaped with `^`.
  if (platform === 'win32') return `"${value.replace(/"/g, '""').replace(/%/g, '"^%"')}"`;
  // POSIX: inside single quotes nothing is special; a `'` ends them, is escaped, and they reopen.
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
