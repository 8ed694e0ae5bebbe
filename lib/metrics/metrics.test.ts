/**
 * GET /metrics through its route handler against a real database and the test authorization
 * server: refused without the bearer token or from an address outside the allowed ranges, and
 * otherwise Prometheus text that a strict parser accepts, with the counts of what just happened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import { parsePrometheusText, sampleValue as valueOf } from "@/lib/testing/prometheus-text";

const METRICS_TOKEN = "metrics-scrape-token-for-tests-4c1d9e2f";
let f: TokenApiFixture;

beforeAll(async () => {
  process.env.METRICS_ENABLED = "true";
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
}, 120_000);

afterAll(async () => {
  await f?.close();
  delete process.env.METRICS_ENABLED;
  delete process.env.METRICS_TOKEN;
});

async function scrape(headers: Record<string, string> = {}) {
  const { GET } = await import("@/app/metrics/route");
  return GET(new Request(`${"http://127.0.0.1:9"}/metrics`, { headers }));
}

describe("GET /metrics", () => {
  it("refuses a request without the token or with another one", async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await scrape({ authorization: "Bearer not-the-metrics-token-at-all-0000000" })).status).toBe(401);
  });

  it("serves parseable Prometheus text counting tests, token API requests, refreshes, connections and the audit chain", async () => {
    const { runClientCredentialsTest } = await import("@/lib/connection-tests/run-client-credentials-test");
    const { GET: tokenRoute } = await import("@/app/api/v1/connections/[connection]/token/route");
    const user = await f.db.user.create({ data: { email: "metrics@unit.test", passwordHash: "x", role: "ADMIN" } });
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const actor = { id: user.id, email: user.email, role: "ADMIN", ip: null, userAgent: null };
    expect((await runClientCredentialsTest({ connection, user, actor })).outcome).toBe("SUCCESS");
    const { key } = await f.createKey({ connectionIds: [connection.id] });
    await f.db.tokenSet.updateMany({
      where: { connectionId: connection.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const call = (auth: string) =>
      tokenRoute(
        new Request(`http://127.0.0.1:9/api/v1/connections/${connection.id}/token`, {
          headers: { authorization: auth },
        }),
        {
          params: Promise.resolve({ connection: connection.id }),
        },
      );
    expect((await call(`Bearer ${key}`)).status).toBe(200);
    expect((await call("Bearer hsk_not_a_key")).status).toBe(401);

    const response = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const samples = parsePrometheusText(await response.text());
    expect(
      valueOf(samples, "handshake_connection_tests_total", {
        grant_type: "client_credentials",
        outcome: "SUCCESS",
        stage: "none",
      }),
    ).toBe(1);
    expect(valueOf(samples, "handshake_token_api_requests_total", { status: "200" })).toBe(1);
    expect(valueOf(samples, "handshake_token_api_requests_total", { status: "401" })).toBe(1);
    expect(valueOf(samples, "handshake_token_api_request_duration_seconds_count", { status: "200" })).toBe(1);
    expect(valueOf(samples, "handshake_token_api_request_duration_seconds_bucket", { status: "200", le: "+Inf" })).toBe(
      1,
    );
    expect(valueOf(samples, "handshake_token_refreshes_total", { outcome: "refreshed", trigger: "api" })).toBe(1);
    expect(valueOf(samples, "handshake_connections", { status: "ACTIVE", health: "HEALTHY" })).toBe(1);
    const auditCount = await f.db.auditEvent.count();
    expect(valueOf(samples, "handshake_audit_events")).toBe(auditCount);
    expect(valueOf(samples, "handshake_audit_chain_head_seq")).toBeGreaterThanOrEqual(auditCount);
  });

  it("refuses an address outside METRICS_ALLOW_CIDRS even with the token", async () => {
    const { getConfig } = await import("@/lib/config/env");
    const { PEER_ADDRESS_HEADER } = await import("@/lib/http/request-context");
    getConfig().metrics.allowCidrs = ["10.0.0.0/8"];
    try {
      const auth = { authorization: `Bearer ${METRICS_TOKEN}` };
      expect((await scrape({ ...auth, [PEER_ADDRESS_HEADER]: "127.0.0.1" })).status).toBe(403);
      expect((await scrape({ ...auth, [PEER_ADDRESS_HEADER]: "10.1.2.3" })).status).toBe(200);
    } finally {
      getConfig().metrics.allowCidrs = [];
    }
  });

  it("cannot be enabled without a token or address ranges", async () => {
    const { loadConfig } = await import("@/lib/config/env");
    expect(() => loadConfig({ DATA_DIR: f.dataDir, METRICS_ENABLED: "true" })).toThrow(
      /METRICS_TOKEN or METRICS_ALLOW_CIDRS/,
    );
  });
});
