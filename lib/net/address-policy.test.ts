import { describe, expect, it } from "vitest";
import { assertAddressAllowed, createAddressPolicy, OutboundBlockedError } from "@/lib/net/address-policy";

describe("address policy", () => {
  const strict = createAddressPolicy([]);

  it.each(["8.8.8.8", "93.184.215.14", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "allows the public address %s",
    (address) => {
      expect(strict.refusalFor(address)).toBeNull();
    },
  );

  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["100.64.0.1", "carrierGradeNat"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "reserved"],
    ["2002:7f00:1::", "6to4"],
    ["64:ff9b::7f00:1", "rfc6052"],
    ["::7f00:1", "nonGlobal"],
    ["not-an-ip", "invalid"],
  ])("refuses %s as %s", (address, range) => {
    expect(strict.refusalFor(address)).toBe(range);
  });

  it("allows listed ranges, including IPv4-mapped forms of them", () => {
    const policy = createAddressPolicy(["127.0.0.0/8", "fd00::/8"]);
    expect(policy.refusalFor("127.0.0.1")).toBeNull();
    expect(policy.refusalFor("127.255.0.9")).toBeNull();
    expect(policy.refusalFor("::ffff:127.0.0.1")).toBeNull();
    expect(policy.refusalFor("fd00::5")).toBeNull();
    expect(policy.refusalFor("::1")).toBe("loopback");
    expect(policy.refusalFor("10.0.0.1")).toBe("private");
  });

  it("throws an OutboundBlockedError naming host and address", () => {
    try {
      assertAddressAllowed(strict, "10.0.0.1", "idp.internal");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OutboundBlockedError);
      const blocked = error as OutboundBlockedError;
      expect(blocked.reason).toBe("address");
      expect(blocked.host).toBe("idp.internal");
      expect(blocked.address).toBe("10.0.0.1");
      expect(blocked.message).toContain("idp.internal (10.0.0.1)");
      expect(blocked.message).toContain("private");
    }
  });
});
