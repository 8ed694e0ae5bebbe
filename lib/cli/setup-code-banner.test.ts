import { describe, expect, it } from "vitest";
import { formatSetupCodeBanner, isServerReadyLine } from "@/lib/cli/setup-code-banner";

describe("setup code banner", () => {
  it("boxes the code and the setup address, every line the same width", () => {
    const banner = formatSetupCodeBanner({ code: "ABCD-EFGH-JKLM", setupUrl: "http://localhost:3000/setup" });
    const lines = banner.split("\n");
    expect(lines[0]).toMatch(/^\[handshake\] ┌─+┐$/);
    expect(lines.at(-1)).toMatch(/^\[handshake\] └─+┘$/);
    expect(banner).toContain("│ setup code: ABCD-EFGH-JKLM");
    expect(banner).toContain("http://localhost:3000/setup");
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it("recognises the line Next.js prints once it serves", () => {
    expect(isServerReadyLine(" ✓ Ready in 812ms")).toBe(true);
    expect(isServerReadyLine(" ✓ Compiled successfully")).toBe(false);
  });
});
