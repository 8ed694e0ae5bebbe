import { describe, expect, it } from "vitest";
import { createReadCoalescer } from "@/lib/tokens/coalesce-reads";

/** A read whose answers are numbered in the order the reads started, each held until released. */
function countingRead() {
  let started = 0;
  const releases: Array<() => void> = [];
  const read = () => {
    started += 1;
    const answer = started;
    return new Promise<number>((resolve) => releases.push(() => resolve(answer)));
  };
  return { read, started: () => started, release: (i: number) => releases[i]!() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createReadCoalescer", () => {
  it("answers a burst with two reads, and never with a read that started before the request", async () => {
    const coalesce = createReadCoalescer<number>();
    const reads = countingRead();
    const first = coalesce("q", reads.read);
    // These arrive while read 1 runs: read 1 may predate them (a key revoked meanwhile), so they wait for read 2.
    const burst = Array.from({ length: 50 }, () => coalesce("q", reads.read));
    expect(reads.started()).toBe(1);
    reads.release(0);
    expect(await first).toBe(1);
    await settle();
    expect(reads.started()).toBe(2);
    reads.release(1);
    expect(new Set(await Promise.all(burst))).toEqual(new Set([2]));
  });

  it("keeps different questions apart", async () => {
    const coalesce = createReadCoalescer<string>();
    const answers = await Promise.all([coalesce("a", async () => "A"), coalesce("b", async () => "B")]);
    expect(answers).toEqual(["A", "B"]);
  });

  it("reads again for the queued requests when the running read fails", async () => {
    const coalesce = createReadCoalescer<string>();
    let fail = true;
    const read = async () => {
      await settle();
      if (fail) {
        fail = false;
        throw new Error("database gone");
      }
      return "ok";
    };
    const first = coalesce("q", read);
    const queued = coalesce("q", read);
    await expect(first).rejects.toThrow("database gone");
    expect(await queued).toBe("ok");
    // Once everything settled, the next request starts a read of its own.
    expect(await coalesce("q", async () => "later")).toBe("later");
  });
});
