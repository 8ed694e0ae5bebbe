import { describe, expect, it } from "vitest";
import { clientAddressFrom, normalizeAddress } from "@/lib/http/request-context";

describe("clientAddressFrom", () => {
  it("uses the socket peer without a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddressFrom({ peer: "10.0.0.5", forwardedFor: "6.6.6.6", trustedHops: 0 })).toBe("10.0.0.5");
    expect(clientAddressFrom({ peer: "::ffff:127.0.0.1", forwardedFor: "<script>", trustedHops: 0 })).toBe("127.0.0.1");
  });

  it("behind one trusted proxy takes the entry that proxy appended (the rightmost)", () => {
    expect(clientAddressFrom({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.9", trustedHops: 1 })).toBe(
      "203.0.113.9",
    );
  });

  it("behind two trusted proxies takes the second entry from the right", () => {
    expect(
      clientAddressFrom({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.9, 10.0.0.1", trustedHops: 2 }),
    ).toBe("203.0.113.9");
  });

  it("never returns text that is not an IP address", () => {
    expect(clientAddressFrom({ peer: "10.0.0.2", forwardedFor: "x".repeat(5000), trustedHops: 1 })).toBe("10.0.0.2");
    expect(clientAddressFrom({ peer: "10.0.0.2", forwardedFor: "1.2.3.4, not-an-ip", trustedHops: 2 })).toBe(
      "10.0.0.2",
    );
    expect(clientAddressFrom({ peer: "nonsense", forwardedFor: "1.2.3.4", trustedHops: 1 })).toBeNull();
  });

  it("keeps the furthest vouched-for address when the chain is shorter than the trusted hops", () => {
    expect(clientAddressFrom({ peer: "10.0.0.2", forwardedFor: "203.0.113.9", trustedHops: 3 })).toBe("203.0.113.9");
    expect(clientAddressFrom({ peer: "10.0.0.2", forwardedFor: null, trustedHops: 1 })).toBe("10.0.0.2");
  });

  it("normalises addresses", () => {
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("1.2.3.4:80")).toBeNull();
  });
});
