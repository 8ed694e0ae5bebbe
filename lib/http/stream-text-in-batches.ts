/**
 * A response body produced one database batch at a time. `pull` runs only when the consumer has
 * taken the previous chunk, so however many rows there are, memory holds one batch and those the
 * producer reads ahead.
 */
export function streamTextInBatches(options: {
  prefix?: string;
  /** The next batch as chunks of UTF-8 (encodeLines); null at the end. */
  readBatch: () => Promise<readonly Uint8Array[] | null>;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (options.prefix) controller.enqueue(encoder.encode(options.prefix));
      },
      async pull(controller) {
        try {
          // A pull that enqueues nothing is not called again: an empty batch (events pruned since the
          // export began) is skipped here, or the download would stall.
          for (;;) {
            const batch = await options.readBatch();
            if (cancelled) return;
            if (batch === null) return controller.close();
            const filled = batch.filter((chunk) => chunk.length > 0);
            filled.forEach((chunk) => controller.enqueue(chunk));
            if (filled.length > 0) return;
          }
        } catch (error) {
          console.error("[handshake] export stream failed:", error instanceof Error ? error.message : "unknown error");
          controller.error(error);
        }
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 1 },
  );
}
