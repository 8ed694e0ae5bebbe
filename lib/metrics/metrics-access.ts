/**
 * Who may scrape /metrics: nobody unless METRICS_ENABLED; then a request must carry the bearer
 * token (RFC 6750 §2.1) when METRICS_TOKEN is set, and come from METRICS_ALLOW_CIDRS when those
 * are set. Returns the refusal, or null to serve.
 */
import crypto from "node:crypto";
import ipaddr from "ipaddr.js";
import { getConfig } from "@/lib/config/env";
import { requestContextFrom } from "@/lib/http/request-context";

function sameSecret(a: string, b: string): boolean {
  const digest = (v: string) => crypto.createHash("sha256").update(v).digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}

function addressAllowed(ip: string | null, cidrs: string[]): boolean {
  if (!ip || !ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  return cidrs.some((cidr) => {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    return range.kind() === address.kind() && address.match(range, bits);
  });
}

export function metricsRefusal(request: Request): Response | null {
  const { metrics } = getConfig();
  if (!metrics.enabled) return new Response("Not found\n", { status: 404 });
  if (metrics.allowCidrs.length > 0 && !addressAllowed(requestContextFrom(request.headers).ip, metrics.allowCidrs))
    return new Response("Forbidden\n", { status: 403 });
  if (metrics.token) {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
    if (!match || !sameSecret(match[1]!, metrics.token))
      return new Response("Unauthorized\n", {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="metrics"' },
      });
  }
  return null;
}
