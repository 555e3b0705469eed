// Shared by the default stubs: every call lands in one list the trigger runner reports,
// so a test can assert on what a handler asked Wix to do. The runner also hears of each call
// as it is made (__veloEventsOnCall), so calls made before a handler ends the process are kept.
const calls = (globalThis.__veloEventsCalls ??= []);

export function record(module, method, args) {
  const call = { module, method, args: JSON.parse(JSON.stringify(args ?? [])) };
  calls.push(call);
  globalThis.__veloEventsOnCall?.(call);
}
