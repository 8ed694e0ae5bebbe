/**
 * Where a test's tokens may go after the token endpoint issued them: revocation and
 * introspection only to the origin that issued them, and a user's own token (Connect my account)
 * never to the admin's API check. Real oidc-provider, real database, a tiny server as the other host.
 */
import { describe, expect, it } from "vitest";
import { CALLBACK, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { UNIT_CLIENTS } from "@/lib/testing/unit-provider-clients";
import { startAuthorizationAs, traceStepOf } from "@/lib/testing/connection-test-runs";
import { driveProviderLogin } from "@/lib/testing/drive-provider-login";
import { recordTinyRequests } from "@/lib/testing/tiny-route-requests";

const fx = setUpConnectionTestFixture();

describe("a test's tokens stay with the origin that issued them", () => {
  it("does not send the tokens to a revocation URL on another origin, says why, and keeps them", async () => {
    const received = recordTinyRequests(fx, "/revoke", { status: 200 });
    // A public client: no client secret in the request, so only the token guard stands in the way.
    const created = await fx.createConnection({
      name: "public revoke elsewhere",
      ...UNIT_CLIENTS.publicPkce,
      scopes: ["openid", "offline_access"],
    });
    const connection = await fx.db.connection.update({
      where: { id: created.id },
      data: { revocationUrl: `${fx.tinyOrigin}/revoke`, testRevocation: true },
    });

    const { started, callbackUrl } = await fx.runCodeFlow(connection);
    expect(await fx.completeAuthorization(callbackUrl)).toMatchObject({ kind: "result", outcome: "WARNING" });
    const run = await fx.testRun(started.testRunId);
    expect(run.resultJson.warnings.join(" ")).toMatch(
      /Revoking the test's tokens failed: Token not sent to another origin: The token was issued by http:\/\/127\.0\.0\.1:\d+, but this request would send it to http:\/\/127\.0\.0\.1:\d+\./,
    );
    expect(received).toEqual([]);
    expect(await fx.db.tokenSet.count({ where: { connectionId: connection.id } })).toBe(1);
  });
});

describe("a user's own token", () => {
  it("is not sent to the API check on Connect my account; an admin's test still runs the check", async () => {
    const received = recordTinyRequests(fx, "/api/me", { status: 200, json: {} });
    const created = await fx.createConnection({
      name: "web per user api",
      ...UNIT_CLIENTS.web,
      scopes: ["openid"],
      tokenSharing: "PER_USER",
    });
    const connection = await fx.db.connection.update({
      where: { id: created.id },
      data: { apiCheckUrl: `${fx.tinyOrigin}/api/me` },
    });

    const started = await startAuthorizationAs(fx, connection, fx.otherAdmin, "CONNECT");
    if (started.kind !== "redirect") throw new Error("authorization did not start");
    const callbackUrl = await driveProviderLogin(started.authorizationUrl, CALLBACK, { choice: "consent" });
    const outcome = await fx.completeAuthorization(callbackUrl, fx.otherAdmin);
    expect(outcome).toMatchObject({ kind: "result", outcome: "SUCCESS" });
    const run = await fx.testRun(started.testRunId);
    const check = traceStepOf(run, "api_check");
    expect(check).toMatchObject({
      status: "skipped",
      notes: [expect.stringContaining("a user's own token is only sent to the provider that issued it")],
    });
    expect(received).toEqual([]);
    expect(await fx.db.tokenSet.count({ where: { connectionId: connection.id, ownerKey: fx.otherAdmin.id } })).toBe(1);

    const { callbackUrl: adminCallback } = await fx.runCodeFlow(connection);
    expect(await fx.completeAuthorization(adminCallback)).toMatchObject({ kind: "result", outcome: "SUCCESS" });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^Bearer /);
  });
});
