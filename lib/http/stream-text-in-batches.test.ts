import { describe, expect, it } from "vitest";
import { streamTextInBatches } from "@/lib/http/stream-text-in-batches";

describe("streamTextInBatches", () => {
  it("streams the chunks in order, and skips empty batches without stalling", async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const batches: Uint8Array[][] = [
      [encode("a,")],
      [],
      [encode("b,"), new Uint8Array(0), encode("c,")],
      [],
      [encode("d")],
    ];
    const stream = streamTextInBatches({ prefix: "head\n", readBatch: async () => batches.shift() ?? null });
    expect(await new Response(stream).text()).toBe("head\na,b,c,d");
  });
});
