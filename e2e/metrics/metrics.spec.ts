/**
 * GET /metrics on the built app: refused without the bearer token; with it, Prometheus text that a
 * strict parser accepts, counting a token API request served by another route bundle (the
 * registry is one per process, not one per bundle) and the connections from the database.
 */
import { expect, test } from "@playwright/test";
import { createApiKeyDirectly, seedClientCredentialsConnection } from "../helpers/seed-connection";
import { requestToken } from "../helpers/api-keys";
import { E2E } from "../support/env";
import { parsePrometheusText, sampleValue } from "../../lib/testing/prometheus-text";

async function scrape(token?: string) {
  return fetch(`${E2E.appUrl}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

test("an ops scraper gets parseable metrics with the token, counting token API requests; without it, 401", async () => {
  // Seeded first: each seed is a child process, and an idle keep-alive socket to the app could be closed meanwhile.
  const connection = await seedClientCredentialsConnection({ scopes: ["api:read"] });
  const { key } = await createApiKeyDirectly(`metrics ${connection.name}`.slice(0, 60), [connection.id]);
  expect((await scrape()).status).toBe(401);
  expect((await scrape("e2e-not-the-metrics-token-000000000")).status).toBe(401);

  const before = parsePrometheusText(await (await scrape(E2E.metricsToken)).text());
  const served = (s: typeof before) => sampleValue(s, "handshake_token_api_requests_total", { status: "200" }) ?? 0;
  expect((await requestToken(key, connection.id)).status).toBe(200);

  const response = await scrape(E2E.metricsToken);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const after = parsePrometheusText(await response.text());
  expect(served(after)).toBeGreaterThanOrEqual(served(before) + 1);
  expect(sampleValue(after, "handshake_token_api_request_duration_seconds_count", { status: "200" })).toBeGreaterThan(
    0,
  );
  expect(sampleValue(after, "handshake_connections", { status: "ACTIVE" })).toBeGreaterThan(0);
  expect(sampleValue(after, "handshake_audit_events")).toBeGreaterThan(0);
});
