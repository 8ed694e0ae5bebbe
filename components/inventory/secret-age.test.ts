import { describe, expect, it } from "vitest";
import { secretAgeText } from "@/components/inventory/secret-age";

describe("secretAgeText", () => {
  it("says today rather than 0 days, and counts days after that", () => {
    expect(secretAgeText(0)).toBe("Set today");
    expect(secretAgeText(1)).toBe("1 day old");
    expect(secretAgeText(200)).toBe("200 days old");
  });
});
