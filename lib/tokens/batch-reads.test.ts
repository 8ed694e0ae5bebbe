import { describe, expect, it } from "vitest";
import { createReadBatcher } from "@/lib/tokens/batch-reads";

/** A batched read that records each batch's questions and holds it until released. */
function heldReads() {
  const batches: string[][] = [];
  const releases: Array<(error?: Error) => void> = [];
  const readMany = (questions: string[]) => {
    batches.push(questions);
    const n = batches.length;
    return new Promise<string[]>((resolve, reject) =>
      releases.push((error) => (error ? reject(error) : resolve(questions.map((q) => `${q}@${n}`)))),
    );
  };
  return { readMany, batches, release: (i: number, error?: Error) => releases[i]!(error) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createReadBatcher", () => {
  it("reads a lone question at once, and everything asked meanwhile in one read after it", async () => {
    const reads = heldReads();
    const batch = createReadBatcher(reads.readMany, 64);
    const first = batch("a", "a");
    expect(reads.batches).toEqual([["a"]]);
    // These arrive while read 1 runs: it may predate them (a key revoked meanwhile), so they wait for read 2.
    const meanwhile = ["a", "b", "c", "b"].map((q) => batch(q, q));
    expect(reads.batches).toHaveLength(1);
    reads.release(0);
    expect(await first).toBe("a@1");
    await settle();
    expect(reads.batches).toEqual([["a"], ["a", "b", "c"]]);
    reads.release(1);
    expect(await Promise.all(meanwhile)).toEqual(["a@2", "b@2", "c@2", "b@2"]);
    // Once everything settled, the next question is read at once again.
    await settle();
    const later = batch("d", "d");
    expect(reads.batches).toHaveLength(3);
    reads.release(2);
    expect(await later).toBe("d@3");
  });

  it("splits a large batch into reads of at most maxBatch questions", async () => {
    const reads = heldReads();
    const batch = createReadBatcher(reads.readMany, 2);
    const first = batch("0", "0");
    const rest = ["1", "2", "3", "4", "5"].map((q) => batch(q, q));
    reads.release(0);
    await first;
    await settle();
    expect(reads.batches.slice(1)).toEqual([["1", "2"], ["3", "4"], ["5"]]);
    [1, 2, 3].forEach((i) => reads.release(i));
    expect(await Promise.all(rest)).toEqual(["1@2", "2@2", "3@3", "4@3", "5@4"]);
  });

  it("fails only the questions of a failed read, and reads the queued ones afterwards", async () => {
    const reads = heldReads();
    const batch = createReadBatcher(reads.readMany, 64);
    const first = batch("a", "a");
    const queued = batch("b", "b");
    reads.release(0, new Error("database gone"));
    await expect(first).rejects.toThrow("database gone");
    await settle();
    reads.release(1);
    expect(await queued).toBe("b@2");
  });
});
