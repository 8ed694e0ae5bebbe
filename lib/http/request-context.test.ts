import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "@/lib/http/request-context";

describe("clientAddressFrom", () => {
  it("uses the last hop without a trusted proxy (a client cannot forge it)", () => {
    expect(clientAddressFrom("6.6.6.6, 10.0.0.5", false)).toBe("10.0.0.5");
  });
  it("uses the hop the trusted proxy added", () => {
    expect(clientAddressFrom("6.6.6.6, 203.0.113.9, 10.0.0.2", true)).toBe("203.0.113.9");
  });
  it("unmaps IPv4-mapped addresses and handles no header", () => {
    expect(clientAddressFrom("::ffff:127.0.0.1", false)).toBe("127.0.0.1");
    expect(clientAddressFrom(null, false)).toBeNull();
  });
});
