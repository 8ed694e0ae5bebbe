/**
 * npm run bench:token-api [-- --seconds 5] [--concurrency 16]
 *
 * Starts a production console (npm start's path, on a fresh data directory), a local
 * oidc-provider behind a counting proxy, and measures side by side in one run:
 *  1. a cached token through GET /api/v1/connections/{name}/token vs GET /api/v1/ping (a bare
 *     route handler returning constant JSON): requests/s, p50 and p99 with `--concurrency` callers
 *     (goal: ≥ 0.5× the bare route's throughput), and p50 and p99 with one caller at a time (goal:
 *     p99 < 20 ms). With 16 callers on 2 cores a request mostly waits for the 15 ahead of it, so
 *     that run's p99 measures the queue (bare route included), not the API;
 *  2. 200 concurrent requests on an expired token: refresh requests counted at the server (goal:
 *     1), all answers the same token, total time next to the server's own refresh latency.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import * as oc from "openid-client";
import { startOidcProvider } from "@/lib/testing/oidc-provider-factory";
import { createTestDatabase } from "@/lib/testing/test-database";
import { startCountingProxy } from "@/lib/testing/counting-proxy";
import { obtainTokensByAuthorizationCode } from "@/lib/testing/obtain-provider-tokens";
import { loadTest, waitForHealthy } from "@/lib/bench/http-load";
import { freePort } from "@/lib/testing/free-port";
import { seedConnectionRow, type SeedSettings } from "@/lib/testing/seed-connection-row";

const WEB = { clientId: "bench-web", clientSecret: "bench-web-secret-3e9a71" };
const CC = { clientId: "bench-cc", clientSecret: "bench-cc-secret-8b21f4" };
const CALLBACK = "http://127.0.0.1:9/api/oauth/callback";

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "5" }, concurrency: { type: "string", default: "16" } },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);

  const database = createTestDatabase();
  process.env.OUTBOUND_ALLOW_HTTP = "true";
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  const provider = await startOidcProvider(() => [
    {
      client_id: WEB.clientId,
      client_secret: WEB.clientSecret,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      redirect_uris: [CALLBACK],
      token_endpoint_auth_method: "client_secret_basic",
    },
    {
      client_id: CC.clientId,
      client_secret: CC.clientSecret,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ]);
  const proxy = await startCountingProxy(provider.issuer);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  process.env.APP_URL = appUrl;
  const { prisma } = await import("@/lib/db/prisma");
  const { storeTokenSet, SHARED_OWNER } = await import("@/lib/tokens/token-store");
  const { tokenBindingOf } = await import("@/lib/tokens/token-binding");
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  let server: ReturnType<typeof spawn> | undefined;

  try {
    const connection = async (
      name: string,
      grantType: SeedSettings["grantType"],
      client: { clientId: string; clientSecret: string },
    ) => {
      const settings: SeedSettings = {
        name,
        grantType,
        clientId: client.clientId,
        scopes: grantType === "client_credentials" ? [] : ["openid", "offline_access"],
        issuer: provider.issuer,
        discoveryMetadata: { issuer: provider.issuer },
        tokenUrl: `${proxy.origin}/token`,
      };
      return seedConnectionRow(prisma, settings, { clientSecret: client.clientSecret });
    };
    await connection("bench-cached", "client_credentials", CC);
    const refreshed = await connection("bench-refresh", "authorization_code_pkce", WEB);
    const tokens = await obtainTokensByAuthorizationCode({ issuer: provider.issuer, ...WEB, callbackUrl: CALLBACK });
    await prisma.$transaction((tx) =>
      storeTokenSet(tx, {
        connectionId: refreshed.id,
        ownerKey: SHARED_OWNER,
        userId: null,
        tokens: {
          accessToken: tokens.access_token,
          refreshToken: tokens.refresh_token,
          tokenType: tokens.token_type,
          expiresAt: new Date(Date.now() - 1000),
          obtainedAt: new Date(),
          refreshCount: 0,
          refreshTokenRotations: 0,
        },
        binding: tokenBindingOf(refreshed),
      }),
    );
    const admin = { id: null, email: "bench@handshake.test", role: "ADMIN", ip: null, userAgent: "bench" };
    const { key } = await createApiKey(admin, {
      name: "bench",
      permissions: ["tokens:read"],
      access: "all",
      connectionIds: [],
      userAccess: "SHARED_ONLY",
      userIds: [],
      expiresOn: "",
      rateLimitPerMinute: 100_000,
    });
    await prisma.$disconnect();

    server = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
      env: {
        ...process.env,
        PORT: String(port),
        APP_URL: appUrl,
        NODE_ENV: "production",
        TOKEN_REFRESH_INTERVAL_SECONDS: "0",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForHealthy(`${appUrl}/api/health`, 180_000);

    const agent = new Agent({ connections: concurrency, pipelining: 1 });
    const auth = { authorization: `Bearer ${key}` };
    const tokenUrl = `${appUrl}/api/v1/connections/bench-cached/token`;
    const first = await request(tokenUrl, { headers: auth, dispatcher: agent });
    if (first.statusCode !== 200) throw new Error(`token API answered ${first.statusCode}: ${await first.body.text()}`);
    await first.body.dump();
    // Warm both routes (JIT, Prisma, bundles), then measure alternately.
    await loadTest(agent, `${appUrl}/api/v1/ping`, {}, 2, concurrency);
    await loadTest(agent, tokenUrl, auth, 2, concurrency);
    const bare = await loadTest(agent, `${appUrl}/api/v1/ping`, {}, seconds, concurrency);
    const api = await loadTest(agent, tokenUrl, auth, seconds, concurrency);
    const bareAlone = await loadTest(agent, `${appUrl}/api/v1/ping`, {}, seconds, 1);
    const apiAlone = await loadTest(agent, tokenUrl, auth, seconds, 1);

    // The server's own refresh latency, measured directly with a second grant.
    const other = await obtainTokensByAuthorizationCode({ issuer: provider.issuer, ...WEB, callbackUrl: CALLBACK });
    const config = await oc.discovery(
      new URL(provider.issuer),
      WEB.clientId,
      undefined,
      oc.ClientSecretBasic(WEB.clientSecret),
      { execute: [oc.allowInsecureRequests] },
    );
    const directStarted = performance.now();
    await oc.refreshTokenGrant(config, other.refresh_token!);
    const direct = performance.now() - directStarted;

    const burstOf200 = async (url: string, headers: Record<string, string>) => {
      // New connections each time, as 200 independent callers would open them.
      const burstAgent = new Agent({ connections: 200 });
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const response = await request(url, { headers, dispatcher: burstAgent });
          return { status: response.statusCode, body: (await response.body.json()) as { access_token?: string } };
        }),
      );
      const ms = performance.now() - started;
      return { answers, ms };
    };
    // What 200 concurrent requests cost this server with no work at all (connections opened too): the floor under the burst.
    const bareBurst = (await burstOf200(`${appUrl}/api/v1/ping`, {})).ms;
    const before = proxy.count("refresh_token");
    const { answers, ms: burst } = await burstOf200(`${appUrl}/api/v1/connections/bench-refresh/token`, auth);
    const refreshes = proxy.count("refresh_token") - before;
    const distinct = new Set(answers.map((a) => a.body.access_token)).size;
    const ok = answers.filter((a) => a.status === 200).length;

    const row = (label: string, r: { rps: number; p50: number; p99: number; count: number }) =>
      `${label.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(9)} ${String(r.count).padStart(9)}`;
    console.log(
      `\nToken API benchmark: ${seconds} s per route, ${concurrency} concurrent keep-alive connections, ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(
      `${"".padEnd(34)} ${"req/s".padStart(8)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)} ${"requests".padStart(9)}`,
    );
    console.log(row("bare route (GET /api/v1/ping)", bare));
    console.log(row("token API, cached token", api));
    console.log(`throughput ratio API / bare: ${(api.rps / bare.rps).toFixed(2)} (goal ≥ 0.5)`);
    console.log(`\nOne caller at a time, ${seconds} s per route (the latency a request itself takes):`);
    console.log(row("bare route (GET /api/v1/ping)", bareAlone));
    console.log(row("token API, cached token", apiAlone));
    console.log(`API p99 ${apiAlone.p99.toFixed(1)} ms (goal < 20)`);
    console.log(`\n200 concurrent requests on an expired token: ${ok}/200 answered 200, ${distinct} distinct token(s)`);
    console.log(`refresh requests counted at the server: ${refreshes} (goal 1)`);
    console.log(
      `total time ${burst.toFixed(0)} ms; the server's own refresh latency ${direct.toFixed(0)} ms (goal: total ≤ ${(direct + 50).toFixed(0)} ms)`,
    );
    console.log(
      `200 concurrent requests to the bare route on new connections: ${bareBurst.toFixed(0)} ms (the floor under that total on this machine)`,
    );
    await agent.close();
  } finally {
    server?.kill("SIGTERM");
    await new Promise((resolve) => (server ? server.once("exit", resolve) : resolve(undefined)));
    await proxy.close();
    await provider.close();
    database.cleanup();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
