/**
 * Differential diagnosis against the real oidc-provider behind the quirk proxy, with a real
 * (temporary) database: for each quirk, the configured request fails, the probes go to the same
 * token endpoint, and the diagnosis names the change that works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type RunningOidcProvider } from "@/lib/testing/oidc-provider-factory";
import { QUIRK_CLIENTS, QUIRK_OIDC_CLIENTS, QUIRKS_BY_CLIENT } from "@/lib/testing/quirk-clients";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { createTestDatabase } from "@/lib/testing/test-database";
import { startQuirkProxy, type RunningQuirkProxy } from "@/lib/testing/quirk-proxy";
import { seedConnectionRow, type SeedSettings } from "@/lib/testing/seed-connection-row";
import { connectionColumnsFrom } from "@/lib/connections/connection-record";

let database: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;
let provider: RunningOidcProvider;
let proxy: RunningQuirkProxy;
let engine: typeof import("@/lib/connection-tests/run-client-credentials-test") &
  typeof import("@/lib/connections/apply-test-fix") &
  typeof import("@/lib/crypto/secret-box") &
  typeof import("@/lib/net/guarded-fetch");
let fetch: import("@/lib/net/guarded-fetch").GuardedFetch;
let admin: { id: string; email: string };
const actor = (): AuditActor => ({
  id: admin.id,
  email: admin.email,
  role: "ADMIN",
  ip: "127.0.0.1",
  userAgent: "vitest",
});

beforeAll(async () => {
  process.env.APP_URL = "http://127.0.0.1:9";
  database = createTestDatabase();
  db = (await import("@/lib/db/prisma")).prisma;
  engine = {
    ...(await import("@/lib/connection-tests/run-client-credentials-test")),
    ...(await import("@/lib/connections/apply-test-fix")),
    ...(await import("@/lib/crypto/secret-box")),
    ...(await import("@/lib/net/guarded-fetch")),
  };
  fetch = engine.createGuardedFetch({ allowHttp: true, allowCidrs: ["127.0.0.0/8"] });
  provider = await startOidcProvider(() => QUIRK_OIDC_CLIENTS);
  proxy = await startQuirkProxy({ upstream: provider.issuer, quirks: QUIRKS_BY_CLIENT });
  admin = await db.user.create({
    data: { email: "admin@probes.test", passwordHash: "x", role: "ADMIN" },
    select: { id: true, email: true },
  });
});

afterAll(async () => {
  await proxy?.close();
  await provider?.close();
  await db?.$disconnect();
  database?.cleanup();
});

let counter = 0;
/** `goodScopes`: the connection first passes a test with these scopes, then is tested with `scopes`. */
async function run(
  client: { clientId: string; clientSecret: string },
  options: {
    secret?: string;
    method?: SeedSettings["clientAuthMethod"];
    scopes?: string[];
    goodScopes?: string[];
  } = {},
) {
  counter += 1;
  const settings: SeedSettings = {
    name: `probe ${counter}`,
    grantType: "client_credentials",
    clientId: client.clientId,
    clientAuthMethod: options.method ?? "client_secret_basic",
    scopes: options.scopes ?? [],
    issuer: provider.issuer,
    discoveryMetadata: { issuer: provider.issuer },
    tokenUrl: `${proxy.origin}/token`,
  };
  const connection = await seedConnectionRow(db, settings, { clientSecret: options.secret ?? client.clientSecret });
  if (options.goodScopes) {
    const good = await db.connection.update({
      where: { id: connection.id },
      data: connectionColumnsFrom({ scopes: options.goodScopes }),
    });
    expect(
      (await engine.runClientCredentialsTest({ connection: good, user: admin, actor: actor(), fetch })).outcome,
    ).toBe("SUCCESS");
    await db.connection.update({
      where: { id: connection.id },
      data: connectionColumnsFrom({ scopes: settings.scopes }),
    });
  }
  const { testRunId, outcome } = await engine.runClientCredentialsTest({
    connection: await db.connection.findUniqueOrThrow({ where: { id: connection.id } }),
    user: admin,
    actor: actor(),
    fetch,
  });
  const row = await db.testRun.findUniqueOrThrow({ where: { id: testRunId } });
  const trace = JSON.parse(row.trace) as {
    name: string;
    title: string;
    http: { url: string; status?: number }[];
    notes: string[];
  }[];
  return {
    testRunId,
    outcome,
    result: JSON.parse(row.result),
    diagnosis: JSON.parse(row.diagnosis ?? "null"),
    trace,
    probes: trace.filter((s) => s.name === "probe"),
    connection,
  };
}

describe("token probes", () => {
  it("finds plain Basic credentials for a provider that refuses form-encoded ones with a bare 403", async () => {
    const { outcome, diagnosis, probes } = await run(QUIRK_CLIENTS.refuseFormBasic);
    expect(outcome).toBe("FAILED");
    expect(diagnosis.code).toBe("works_with_change");
    expect(diagnosis.title).toBe(
      "The provider accepts these credentials with client_secret_basic and plain (RFC 7617) Basic credentials",
    );
    expect(diagnosis.details.configured_request).toBe("The provider refused the request without saying why");
    expect(diagnosis.suggestion.change).toEqual({
      clientAuthMethod: "client_secret_basic",
      basicAuthEncoding: "plain",
    });
    expect(probes).toHaveLength(1);
    expect(probes[0]!.http[0]!.url).toBe(`${proxy.origin}/token`);
  });

  it("finds client_secret_post behind a bare 403, and probes only the same token endpoint", async () => {
    const { diagnosis, probes, trace } = await run(QUIRK_CLIENTS.bare403);
    expect(diagnosis.title).toBe("The provider accepts these credentials with client_secret_post");
    expect(diagnosis.suggestion.change).toEqual({ clientAuthMethod: "client_secret_post" });
    expect(diagnosis.probes.map((p: { showed: string }) => p.showed)).toEqual([
      "403 the provider refused the request without saying why",
      "a token was issued",
    ]);
    expect(probes.flatMap((p) => p.http.map((h) => h.url))).toEqual([`${proxy.origin}/token`, `${proxy.origin}/token`]);
    expect(trace.find((s) => s.name === "token_response")).toMatchObject({ status: "failed" });
  });

  it("says so when no probe gets a token (a wrong secret), within the cap", async () => {
    const { diagnosis, probes } = await run(QUIRK_CLIENTS.bare403, {
      secret: "wrong-secret.x",
      method: "client_secret_post",
    });
    expect(diagnosis.code).toBe("refused_without_reason");
    expect(diagnosis.suggestion).toBeUndefined();
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.length).toBeLessThanOrEqual(4);
    expect(diagnosis.fix).toMatch(/^Re-enter the client secret/);
    expect(diagnosis.fix).toContain("ruled out the client authentication method (client_secret_basic was tried too)");
    expect(diagnosis.fix).not.toMatch(/check the client authentication method|change the client authentication method/);
  });

  it("leaves out one refused scope at a time, the one added since the last good test first", async () => {
    const { diagnosis, probes } = await run(QUIRK_CLIENTS.refuseScope, {
      goodScopes: ["api:read"],
      scopes: ["api:read", "api:write"],
    });
    expect(diagnosis.details.configured_request).toBe("Scopes refused");
    expect(diagnosis.suggestion).toMatchObject({
      action: "remove the scope api:write",
      change: { scopes: ["api:read"] },
    });
    expect(diagnosis.title).toBe("The provider accepts these credentials with the scope api:read");
    expect(probes.map((p) => p.title)).toEqual([
      "Probe 1 of at most 4: without the scope api:write (added since the last good test), client_secret_basic (form-encoded, RFC 6749 §2.3.1)",
    ]);
  });

  it("finds the refused scope among several without a good test to go by, within the budget", async () => {
    const { diagnosis, probes } = await run(QUIRK_CLIENTS.refuseScope, { scopes: ["api:write", "api:read"] });
    expect(diagnosis.suggestion.change).toEqual({ scopes: ["api:read"] });
    expect(probes).toHaveLength(1);
    expect(probes[0]!.title).toMatch(/without the scope api:write,/);
  });

  it("maps a renamed error code to the standard diagnosis and shows the provider's own", async () => {
    const { diagnosis } = await run(QUIRK_CLIENTS.renamedErrors);
    expect(diagnosis.details.error).toBe("invalid_credentials");
    expect(diagnosis.details.standard_error).toBe("invalid_client");
    expect(diagnosis.details.configured_request).toBe("Client authentication failed");
    expect(diagnosis.suggestion.change).toEqual({ clientAuthMethod: "client_secret_post" });
  });

  it("finds the scope a provider requires for client credentials", async () => {
    const { diagnosis, probes } = await run(QUIRK_CLIENTS.requireScope);
    expect(diagnosis.suggestion.change).toEqual({ scopes: ["api:read"] });
    expect(probes.at(-1)!.title).toMatch(/with the advertised scope api:read/);
  });

  it.each([
    ["HTTP 200", QUIRK_CLIENTS.errorsAs200, /with HTTP 200/],
    ["text/plain", QUIRK_CLIENTS.errorsAsText, /labelled text\/plain/],
  ])("reads a JSON error sent with %s", async (_label, client, note) => {
    const { diagnosis, trace } = await run(client);
    expect(diagnosis.details.configured_request).toBe("Client authentication failed");
    expect(trace.find((s) => s.name === "token_request")!.notes.join(" ")).toMatch(note);
    expect(diagnosis.suggestion.change).toEqual({ clientAuthMethod: "client_secret_post" });
  });

  it.each([
    ["refuses form-encoded Basic credentials", QUIRK_CLIENTS.refuseFormBasic, ["basicAuthEncoding"]],
    ["strips errors to a bare 403", QUIRK_CLIENTS.bare403, ["clientAuthMethod"]],
    ["renames error codes", QUIRK_CLIENTS.renamedErrors, ["clientAuthMethod"]],
    ["requires a scope for client credentials", QUIRK_CLIENTS.requireScope, ["scopes"]],
    ["answers errors with HTTP 200", QUIRK_CLIENTS.errorsAs200, ["clientAuthMethod"]],
    ["answers errors as text/plain", QUIRK_CLIENTS.errorsAsText, ["clientAuthMethod"]],
  ])(
    "a provider that %s: the suggested fix, applied, passes the next test without probes",
    async (_q, client, diff) => {
      const { connection, testRunId, diagnosis } = await run(client);
      const applied = await engine.applyTestFix(actor(), { connectionId: connection.id, testRunId });
      expect(applied.action).toBe(diagnosis.suggestion.action);
      const update = await db.auditEvent.findFirstOrThrow({
        where: { connectionId: connection.id, action: "connection.updated" },
      });
      expect(Object.keys(JSON.parse(update.details).diff)).toEqual(diff);
      const again = await engine.runClientCredentialsTest({
        connection: await db.connection.findUniqueOrThrow({ where: { id: connection.id } }),
        user: admin,
        actor: actor(),
        fetch,
      });
      expect(again.outcome).toBe("SUCCESS");
      const trace = JSON.parse((await db.testRun.findUniqueOrThrow({ where: { id: again.testRunId } })).trace);
      expect(trace.filter((s: { name: string }) => s.name === "probe")).toEqual([]);
    },
  );

  it("names the scopes a provider grants when none was requested, and suggests requesting only what is needed", async () => {
    const { outcome, result } = await run(QUIRK_CLIENTS.grantAllScopes);
    expect(outcome).toBe("WARNING");
    expect(result.scopes).toMatchObject({ requested: [], extra: ["api:read", "api:write"] });
    expect(result.warnings.join(" ")).toContain(
      "No scope was requested, and the provider granted every scope it allows this client: api:read, api:write.",
    );
    expect(result.warnings.join(" ")).toMatch(/request only the scopes this connection needs/);
  });

  it("names a token endpoint that redirects to its trailing slash", async () => {
    const { diagnosis } = await run(QUIRK_CLIENTS.tokenNeedsSlash);
    expect(diagnosis.code).toBe("endpoint_needs_trailing_slash");
    expect(diagnosis.fix).toBe(
      `Set the token endpoint URL to ${proxy.origin}/token/ (with the trailing slash) and test again.`,
    );
  });

  it("names a token endpoint that answers 500 without its trailing slash and issues a token with it", async () => {
    const { outcome, diagnosis, probes } = await run(QUIRK_CLIENTS.tokenSlash500);
    expect(outcome).toBe("FAILED");
    expect(diagnosis.code).toBe("endpoint_needs_trailing_slash");
    expect(diagnosis.cause).toBe(
      `The token endpoint answered 500 at ${proxy.origin}/token; the same request to ${proxy.origin}/token/ (with the trailing slash) got a token. The server serves the endpoint only under its trailing slash.`,
    );
    expect(diagnosis.fix).toBe(
      `Set the token endpoint URL to ${proxy.origin}/token/ (with the trailing slash) and test again.`,
    );
    expect(diagnosis.probes).toEqual([
      { label: "with the trailing slash", showed: "a token was issued", gotToken: true },
    ]);
    expect(probes.map((p) => p.http.map((h) => [h.url, h.status]))).toEqual([[[`${proxy.origin}/token/`, 200]]]);
  });

  it("does not blame the trailing slash when the token endpoint fails with it too", async () => {
    const { diagnosis, probes } = await run(QUIRK_CLIENTS.tokenSlash500, { secret: "wrong-secret.x" });
    expect(diagnosis.code).not.toBe("endpoint_needs_trailing_slash");
    expect(probes[0]!.http[0]!.url).toBe(`${proxy.origin}/token/`);
    expect(diagnosis.probes).toEqual([
      { label: "with the trailing slash", showed: "401 invalid_client: client authentication failed", gotToken: false },
    ]);
  });
});
