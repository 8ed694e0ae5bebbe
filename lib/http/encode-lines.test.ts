import { describe, expect, it } from "vitest";
import { encodeLines } from "@/lib/http/encode-lines";

const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString("utf8");

describe("encodeLines", () => {
  it("gives the lines, each ended, in chunks no larger than asked for", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `event ${i},created,admin@example.test`);
    const chunks = encodeLines(lines, "\r\n", 1024);
    expect(joined(chunks)).toBe(`${lines.join("\r\n")}\r\n`);
    expect(chunks.length).toBeGreaterThan(30);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1024);
  });

  it("encodes any text as UTF-8, a line longer than a chunk in a chunk of its own", () => {
    const lines = ["Zoë’s connection", "😀 surrogate pairs", "\ud800 a lone surrogate", "x".repeat(5000), "", "last"];
    const chunks = encodeLines(lines, "\n", 64);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(`${lines.join("\n")}\n`));
    expect(
      chunks.some((chunk) =>
        Buffer.from(chunk)
          .toString()
          .startsWith(`${"x".repeat(5000)}\n`),
      ),
    ).toBe(true);
  });

  it("writes lines without an ending when asked, and nothing for no lines", () => {
    expect(joined(encodeLines(["a\r\n", "b\r\n"], ""))).toBe("a\r\nb\r\n");
    expect(encodeLines([], "\n")).toEqual([]);
  });
});
