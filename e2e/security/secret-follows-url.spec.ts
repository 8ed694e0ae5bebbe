import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { detail, field } from "../helpers/connections";
import { seedConnection } from "../helpers/seed-connection";
import { startCollector } from "../support/collector";
import { TEST_CLIENTS } from "../support/oidc-clients";

test("[SEC][SECRET] moving the token URL to another origin drops the stored secret, says why next to the field, and nothing reaches the new host", async ({
  page,
}) => {
  const collector = await startCollector();
  try {
    await signInAsAdmin(page);
    const { clientId, clientSecret } = TEST_CLIENTS.clientCredentialsBasic;
    const connection = await seedConnection({ grantType: "client_credentials", clientId, clientSecret });

    await page.goto(`/connections/${connection.id}/edit`);
    await field(page, "tokenUrl").fill(`${collector.url}/token`);
    const secretField = field(page, "clientSecret");
    await expect(
      page.getByText(
        "The token endpoint's origin or the issuer changed: the stored secret is never sent to a new place.",
      ),
    ).toBeVisible();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    // Next to the field (the error summary at the top repeats it).
    await expect(secretField).toHaveAccessibleDescription(
      /The token endpoint moved from http:\/\/127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1:\d+: enter the client secret again/,
    );
    await expect(secretField).toHaveAttribute("aria-invalid", "true");
    await expect(field(page, "tokenUrl")).toHaveValue(`${collector.url}/token`);

    // Nothing was saved: the connection still points at the real provider with its secret, and a test goes there.
    await page.goto(`/connections/${connection.id}`);
    await expect(detail.summaryValue(page, "Client secret")).toHaveText(`•••• ${clientSecret.slice(-4)}`);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("test-outcome")).toHaveText("Success");
    expect(collector.requests).toEqual([]);
  } finally {
    await collector.close();
  }
});
