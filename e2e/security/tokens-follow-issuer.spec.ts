/**
 * Stored tokens are bound to what issued them: an edit that moves the token URL says, before
 * saving, that the stored sets will need re-authorization; after it, the token API refuses to
 * refresh and nothing reaches the new host. The form says where the API check sends a token.
 */
import { expect } from "@playwright/test";
import { test } from "../helpers/admin-test";
import { requestToken } from "../helpers/api-keys";
import { editForm, field, tokenStatus } from "../helpers/connections";
import { OIDC_ENDPOINTS } from "../helpers/connection-wizard";
import { authorizeSharedTokenSet, createApiKeyDirectly, seedWebConnection } from "../helpers/seed-connection";
import { startCollector } from "../support/collector";

test("[SEC][TOKENS] moving the token URL warns before saving, marks the stored tokens, and the token API never sends the refresh token to the new host", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const collector = await startCollector();
  try {
    const connection = await seedWebConnection({ tokenUrl: OIDC_ENDPOINTS.tokenUrl });
    await authorizeSharedTokenSet(connection.id, { expired: true });
    const { key } = await createApiKeyDirectly(`moved ${connection.name}`.slice(0, 60), [connection.id]);

    await editForm.open(page, connection.id);
    await field(page, "authorizationUrl").fill(OIDC_ENDPOINTS.authorizationUrl);
    await expect(editForm.tokenSetsMoved(page)).toHaveCount(0);
    await field(page, "tokenUrl").fill(`${collector.url}/token`);
    await expect(editForm.tokenSetsMoved(page)).toHaveText(
      /^The token endpoint moved from http:\/\/127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1:\d+\. Saving marks the stored token set “needs re-authorization”/,
    );
    await field(page, "apiCheckUrl").fill(`${collector.url}/v1/me`);
    await expect(field(page, "apiCheckUrl")).toHaveAccessibleDescription(
      `Each admin test sends its access token (Bearer) to ${collector.url}; the test passes only if the API answers with the expected status. A user's own token (Connect my account) is never sent there.`,
    );
    await field(page, "clientSecret").fill("typed-again-for-the-new-host");
    await editForm.save(page).click();
    await expect(page).toHaveURL(new RegExp(`/connections/${connection.id}$`));
    await expect(tokenStatus(page).getByText("Needs re-authorization")).toBeVisible();

    const served = await requestToken(key, connection.id);
    expect(served.status).toBe(409);
    expect(served.body.type).toBe("urn:handshake:problem:reauthorization-required");
    expect(collector.requests).toEqual([]);
  } finally {
    await collector.close();
  }
});
