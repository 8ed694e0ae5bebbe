/**
 * A provider that issues five-minute tokens (Keycloak's default access token lifespan) under the
 * default five-minute refresh margin: 200 concurrent first requests on a new client-credentials
 * connection, spread over two console processes, make one token request at the server, and later
 * calls are served that token from the store instead of fetching a new one each time.
 */
import { expect, test } from "@playwright/test";
import { requestToken, startSecondConsole, tokenRequestsAtServer } from "../helpers/api-keys";
import { uniqueConnectionName } from "../helpers/connections";
import { createApiKeyDirectly, seedClientCredentialsConnection } from "../helpers/seed-connection";
import { E2E } from "../support/env";
import { TEST_CLIENTS } from "../support/oidc-clients";

const REQUESTS = 200;

test("[TOKENS] 200 concurrent first requests for five-minute client-credentials tokens make one token request at the server", async () => {
  test.setTimeout(180_000);
  const { clientId, clientSecret } = TEST_CLIENTS.fiveMinuteTokens;
  const connection = await seedClientCredentialsConnection({
    name: uniqueConnectionName("Five-minute tokens"),
    clientId,
    clientSecret,
  });
  const { key } = await createApiKeyDirectly(uniqueConnectionName("five-minute"), [connection.id]);
  // This client's token requests only: other specs use the server meanwhile.
  const tokenRequests = () => tokenRequestsAtServer("client_credentials", clientId);
  const before = await tokenRequests();
  const second = await startSecondConsole();
  try {
    const consoles = [E2E.appUrl, second.url];
    const call = (i: number) => requestToken(key, connection.name, consoles[i % 2]);

    const answers = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => call(i)));

    expect(answers.map((a) => a.status)).toEqual(Array(REQUESTS).fill(200));
    const tokens = new Set(answers.map((a) => a.body.access_token));
    expect(tokens.size).toBe(1);
    expect(await tokenRequests()).toBe(before + 1);
    expect(Number(answers[0]!.body.expires_in)).toBeLessThanOrEqual(300);
    const later = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i)));
    expect(new Set(later.map((a) => a.body.access_token))).toEqual(tokens);
    expect(await tokenRequests()).toBe(before + 1);
  } finally {
    await second.stop();
  }
});
