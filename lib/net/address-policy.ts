/**
 * Which network addresses outbound requests may reach. Only public unicast addresses, plus the
 * ranges an operator allows explicitly (OUTBOUND_ALLOW_CIDRS, e.g. on-premises identity providers).
 * See security.md §3.1: classification uses ipaddr.js, never string matching.
 */
import ipaddr from "ipaddr.js";

type BlockReason = "protocol" | "address" | "size" | "redirect" | "credentials-in-url";

/** Thrown when the guard refuses an outbound request; `reason` says which rule refused it. */
export class OutboundBlockedError extends Error {
  readonly reason: BlockReason;
  readonly host?: string;
  readonly address?: string;

  constructor(reason: BlockReason, message: string, details: { host?: string; address?: string } = {}) {
    super(message);
    this.name = "OutboundBlockedError";
    this.reason = reason;
    this.host = details.host;
    this.address = details.address;
  }
}

type ParsedCidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

type AddressPolicy = {
  /** Returns null when the address may be reached, else the name of the range that refuses it. */
  refusalFor(address: string): string | null;
};

// IPv6 global unicast is 2000::/3 (RFC 4291 §2.4); ipaddr.js calls some older forms such as
// IPv4-compatible "::7f00:1" unicast too, so everything outside 2000::/3 is refused as well.
const ipv6GlobalUnicast = ipaddr.parseCIDR("2000::/3");

export function createAddressPolicy(allowCidrs: readonly string[]): AddressPolicy {
  const allowed: ParsedCidr[] = allowCidrs.map((cidr) => ipaddr.parseCIDR(cidr));
  return {
    refusalFor(address) {
      if (!ipaddr.isValid(address)) return "invalid";
      // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it stands for.
      const ip = ipaddr.process(address);
      if (allowed.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return null;
      const range = ip.range();
      if (range !== "unicast") return range;
      if (ip.kind() === "ipv6" && !ip.match(ipv6GlobalUnicast)) return "nonGlobal";
      return null;
    },
  };
}

/** Throws OutboundBlockedError unless the policy allows `address`. */
export function assertAddressAllowed(policy: AddressPolicy, address: string, host?: string): void {
  const refusal = policy.refusalFor(address);
  if (refusal === null) return;
  const where = host && host !== address ? `${host} (${address})` : address;
  throw new OutboundBlockedError(
    "address",
    `Refused to connect to ${where}: the address is ${describeRange(refusal)}, not a public address. ` +
      "Operators can allow on-premises ranges with OUTBOUND_ALLOW_CIDRS.",
    { host, address },
  );
}

function describeRange(range: string): string {
  const names: Record<string, string> = {
    loopback: "loopback",
    private: "private",
    linkLocal: "link-local (this includes cloud metadata services such as 169.254.169.254)",
    uniqueLocal: "unique-local",
    unspecified: "unspecified",
    carrierGradeNat: "carrier-grade NAT",
    broadcast: "broadcast",
    multicast: "multicast",
    reserved: "reserved",
    nonGlobal: "not global unicast",
    invalid: "not a valid IP address",
  };
  return names[range] ?? `in the special-purpose range "${range}"`;
}
