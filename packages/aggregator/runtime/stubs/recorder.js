// Shared by the default stubs: every call lands in one list the trigger runner reports,
// so a test can assert on what a handler asked Wix to do.
const calls = (globalThis.__veloEventsCalls ??= []);

export function record(module, method, args) {
  calls.push({ module, method, args: JSON.parse(JSON.stringify(args ?? [])) });
}
