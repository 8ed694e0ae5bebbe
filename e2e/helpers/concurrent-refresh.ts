/**
 * The story both concurrency specs tell, on either store: an expired shared token set, 200
 * concurrent token requests spread over two console processes, then what the authorization
 * server counted and what the store holds.
 */
import { expect } from "@playwright/test";
import { refreshesAtServer, introspect, requestToken } from "./api-keys";
import { uniqueConnectionName } from "./connections";
import {
  authorizeSharedTokenSet,
  createApiKeyDirectly,
  seedConnection,
  storedTokens,
  type StoreTarget,
} from "./seed-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";

const REQUESTS = 200;

/** Asserts one refresh at the server and one new token for all 200 callers, alternating between the consoles. */
export async function expectOneRefreshForConcurrentRequests(
  consoles: [string, string],
  target: StoreTarget,
): Promise<void> {
  const connection = await seedConnection(
    {
      name: uniqueConnectionName("Token API refresh"),
      grantType: "authorization_code_pkce",
      clientId: TEST_CLIENTS.tokenApi.clientId,
      clientSecret: TEST_CLIENTS.tokenApi.clientSecret,
      scopes: ["openid", "offline_access", "email"],
      // Only the API refreshes it in this test, not the background refresher.
      autoRefresh: false,
    },
    target,
  );
  await authorizeSharedTokenSet(connection.id, { expired: true, client: "tokenApi" }, target);
  const before = await storedTokens(connection.id, target);
  const { key } = await createApiKeyDirectly(uniqueConnectionName("concurrent"), [connection.id], target);
  // This client's refreshes only: other specs refresh tokens at the same server meanwhile.
  const refreshCount = () => refreshesAtServer(TEST_CLIENTS.tokenApi.clientId);
  const refreshesBefore = await refreshCount();

  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) => requestToken(key, connection.name, consoles[i % 2])),
  );

  expect(answers.map((a) => a.status)).toEqual(Array(REQUESTS).fill(200));
  const tokens = new Set(answers.map((a) => a.body.access_token));
  expect(tokens.size).toBe(1);
  expect(await refreshCount()).toBe(refreshesBefore + 1);
  const [token] = [...tokens] as string[];
  expect(before).not.toContain(token);
  expect(await introspect(token!, TEST_CLIENTS.tokenApi)).toMatchObject({ active: true });
  // The stored set holds the new access token and the rotated refresh token.
  const after = await storedTokens(connection.id, target);
  expect(after[0]).toBe(token);
  expect(after[1]).toBeTruthy();
  expect(after[1]).not.toBe(before[1]);
}
