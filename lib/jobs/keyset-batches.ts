/**
 * A long job's rows a batch at a time in keyset order (never OFFSET): `readBatch` is given the last
 * row of the batch before (none for the first) and reads the rows after it; an empty batch ends the
 * walk. Between two batches the rest of the process runs (lib/jobs/yield-to-others.ts).
 */
import { yieldToOthers } from "@/lib/jobs/yield-to-others";

export async function* keysetBatches<Row>(
  readBatch: (after: Row | undefined) => Promise<Row[]>,
): AsyncGenerator<Row[], void, undefined> {
  let after: Row | undefined;
  for (;;) {
    await yieldToOthers();
    const rows = await readBatch(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1);
  }
}
