import ipaddr from "ipaddr.js";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config/env";

export type RequestContext = { ip: string | null; userAgent: string | null };

/** Set by lib/http/peer-address-preload.mjs from the TCP socket; a client cannot choose it. */
export const PEER_ADDRESS_HEADER = "x-handshake-peer-address";

/** A canonical IP address (IPv4-mapped IPv6 unmapped), or null for anything that is not one. */
export function normalizeAddress(value: string | null | undefined): string | null {
  const text = value?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  if (!ipaddr.isValid(text)) return null;
  return ipaddr.process(text).toString();
}

/**
 * The client's address. Without a trusted proxy (trustedHops 0) it is the socket's peer: any
 * X-Forwarded-For is the client's own text. Behind trustedHops proxies, the chain is
 * X-Forwarded-For plus the peer, and the client is the entry trustedHops places left of the peer,
 * counted from the right (each trusted proxy appends the address it received from); the walk
 * stops at the first entry that is not an IP address and keeps the last one a trusted proxy vouched for.
 */
export function clientAddressFrom(input: {
  peer: string | null;
  forwardedFor: string | null;
  trustedHops: number;
}): string | null {
  const peer = normalizeAddress(input.peer);
  if (!peer || input.trustedHops <= 0) return peer;
  const forwarded = (input.forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let client = peer;
  for (let hop = 1; hop <= input.trustedHops && hop <= forwarded.length; hop += 1) {
    const address = normalizeAddress(forwarded[forwarded.length - hop]);
    if (!address) break;
    client = address;
  }
  return client;
}

type HeaderSource = { get(name: string): string | null };

export function requestContextFrom(h: HeaderSource): RequestContext {
  const { trustProxy, trustProxyHops } = getConfig();
  return {
    ip: clientAddressFrom({
      peer: h.get(PEER_ADDRESS_HEADER),
      forwardedFor: h.get("x-forwarded-for"),
      trustedHops: trustProxy ? trustProxyHops : 0,
    }),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export async function getRequestContext(): Promise<RequestContext> {
  return requestContextFrom(await headers());
}
