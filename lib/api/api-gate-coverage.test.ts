/**
 * Every /api/v1 route goes through the API gate (with-api-key.ts), except the public ones named
 * here on purpose: the reachability ping and a connection's public key set (private_key_jwt).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const API_ROOT = path.join(process.cwd(), "app/api/v1");

/** Routes without an API key, each public by design. */
const PUBLIC_ROUTES = ["ping/route.ts", "connections/[connection]/jwks.json/route.ts"];

// The token and DPoP proof routes hand their request to serveTokenRequest / serveDpopProofRequest
// (lib/tokens/serve-token.ts, serve-dpop-proof.ts), which are the gated handlers.
const GATE_CALL = /withApiKey(<[^>]*>)?\(|serveTokenRequest\(|serveDpopProofRequest\(/;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(API_ROOT, full)] : [];
  });
}

describe("the API gate's coverage", () => {
  it("wraps every /api/v1 route in withApiKey but the named public ones", () => {
    const routes = routeFiles(API_ROOT);
    for (const publicRoute of PUBLIC_ROUTES) expect(routes).toContain(publicRoute);
    const gated = (route: string) => GATE_CALL.test(fs.readFileSync(path.join(API_ROOT, route), "utf8"));
    const ungated = routes.filter((route) => !gated(route));
    expect(ungated.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });
});
