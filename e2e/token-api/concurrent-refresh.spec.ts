/**
 * Two console processes on one database file, 100 concurrent token requests to each for a token
 * set whose access token has expired: one refresh reaches the authorization server (counted
 * there), and all 200 callers get the same new token.
 */
import { expect, test } from "@playwright/test";
import { grantCountsAtServer, introspect, requestToken, startSecondConsole } from "../helpers/api-keys";
import { uniqueConnectionName } from "../helpers/connections";
import { authorizeSharedTokenSet, createApiKeyDirectly, seedConnection, storedTokens } from "../helpers/seed-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { E2E } from "../support/env";

test("200 concurrent requests across two console processes refresh an expired token once", async () => {
  test.setTimeout(180_000);
  const second = await startSecondConsole();
  try {
    const connection = await seedConnection({
      name: uniqueConnectionName("Token API refresh"),
      grantType: "authorization_code_pkce",
      clientId: TEST_CLIENTS.web.clientId,
      clientSecret: TEST_CLIENTS.web.clientSecret,
      scopes: ["openid", "offline_access", "email"],
      // Only the API refreshes it in this test, not the background refresher.
      autoRefresh: false,
    });
    await authorizeSharedTokenSet(connection.id, { expired: true });
    const before = await storedTokens(connection.id);
    const { key } = await createApiKeyDirectly(uniqueConnectionName("replicas"), [connection.id]);
    const refreshesBefore = (await grantCountsAtServer()).refresh_token ?? 0;

    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => requestToken(key, connection.name, i % 2 === 0 ? E2E.appUrl : second.url)),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
    const tokens = new Set(answers.map((a) => a.body.access_token));
    expect(tokens.size).toBe(1);
    expect((await grantCountsAtServer()).refresh_token ?? 0).toBe(refreshesBefore + 1);
    const [token] = [...tokens] as string[];
    expect(before).not.toContain(token);
    expect(await introspect(token!, TEST_CLIENTS.web)).toMatchObject({ active: true });
    // The stored set holds the new access token and the rotated refresh token.
    const after = await storedTokens(connection.id);
    expect(after[0]).toBe(token);
    expect(after[1]).toBeTruthy();
    expect(after[1]).not.toBe(before[1]);
  } finally {
    await second.stop();
  }
});
