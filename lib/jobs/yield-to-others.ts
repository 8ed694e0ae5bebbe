/**
 * Lets the rest of the process run between two batches of a long job. On SQLite every query runs
 * synchronously and its promise resolves at once, so a loop of batches would otherwise never give
 * the event loop back: requests and timers would wait for the whole job, not for one batch.
 */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
