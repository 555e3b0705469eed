// velo-events dispatch runtime: copied next to every generated dispatcher.
// Runs each handler of one event in table order, awaiting each, so that one handler's
// throw or rejection never stops the next; failures are thrown together afterwards.

/**
 * @param {string} eventName the handler name Velo called, e.g. "wixBilling_onInvoicePaid"
 * @param {unknown} event the event object Velo passed
 * @param {ReadonlyArray<readonly [string, (event: unknown) => unknown]>} handlers
 *   `[ "<namespace>:<handler>", handler ]` pairs in run order
 * @param {(label: string, outcome: { ok: true, ms: number } | { ok: false, error: unknown, ms: number }) => void} [observe]
 *   told how each handler ended; `velo-events trigger` uses it, so local runs go through
 *   this very loop
 */
export async function dispatch(eventName, event, handlers, observe) {
  const errors = [];
  for (const [label, handler] of handlers) {
    const started = performance.now();
    try {
      await handler(event);
      observe?.(label, { ok: true, ms: performance.now() - started });
    } catch (error) {
      observe?.(label, { ok: false, error, ms: performance.now() - started });
      errors.push(handlerFailure(label, error));
    }
  }
  if (errors.length > 0) {
    // The reasons go in the message too: site logs often show only an error's message.
    const reasons = errors.map((error) => `${error.handler} (${error.reason})`).join('; ');
    throw new AggregateError(
      errors,
      `${eventName}: ${errors.length} of ${handlers.length} handlers failed: ${reasons}`,
    );
  }
}

function handlerFailure(label, error) {
  const reason = error instanceof Error ? error.message : String(error);
  const failure = new Error(`${label} failed: ${reason}`, { cause: error });
  failure.handler = label;
  failure.reason = reason;
  return failure;
}
