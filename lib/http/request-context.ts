import { headers } from "next/headers";
import { getConfig } from "@/lib/config/env";

export type RequestContext = { ip: string | null; userAgent: string | null };

/**
 * Client address from X-Forwarded-For. `next start` appends the socket address as the last hop,
 * so without a trusted proxy the last entry is the only one a client cannot forge; behind one
 * trusted proxy (TRUST_PROXY=true) the client is the entry that proxy added, one before it.
 */
export function clientAddressFrom(forwardedFor: string | null, trustProxy: boolean): string | null {
  const hops = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (hops.length === 0) return null;
  const pick = trustProxy && hops.length > 1 ? hops[hops.length - 2] : hops[hops.length - 1];
  return pick?.replace(/^::ffff:/, "") ?? null;
}

export function requestContextFrom(h: Headers): RequestContext {
  return {
    ip: clientAddressFrom(h.get("x-forwarded-for"), getConfig().trustProxy),
    userAgent: h.get("user-agent"),
  };
}

export async function getRequestContext(): Promise<RequestContext> {
  return requestContextFrom(await headers());
}
