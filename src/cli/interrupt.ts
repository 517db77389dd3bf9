/**
 * The runner cancels a job by sending SIGINT (then SIGTERM 7.5 s later) to the step's process. A
 * gate that has opened a check run must close it as `cancelled` in that time, or the check stays
 * `in_progress` for ever. Composite actions have no post step, so the process does it itself.
 */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = "Interrupted";
  }
}

/** A promise that rejects with Interrupted on the first SIGINT or SIGTERM; dispose() removes the handlers. */
export function whenInterrupted(): { promise: Promise<never>; dispose: () => void } {
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    onSignal = (signal) => {
      reject(new Interrupted(signal));
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  // Only ever awaited in a race; an unawaited rejection must not end the process.
  promise.catch(() => undefined);
  return {
    promise,
    dispose: () => {
      if (!onSignal) return;
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
