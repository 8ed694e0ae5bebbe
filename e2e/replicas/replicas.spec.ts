import { expect, test, type Page } from "@playwright/test";
import { copySessionCookie, fillSignIn, signIn, signInAlert, signOut, submitRefusedSignIn } from "../helpers/auth";
import { verifyIntegrity } from "../helpers/audit";
import { detail, field } from "../helpers/connections";
import { OIDC_ENDPOINTS } from "../helpers/connection-wizard";
import { connectionHealth, seedConnection, seedClientCredentialsConnection } from "../helpers/seed-connection";
import {
  createReplicaUser,
  replicaA,
  replicaB,
  signInAdminsOnBothReplicas,
  waitForReplicas,
} from "../helpers/replicas";
import { signInAtProvider, consentAtProvider } from "../helpers/test-connection";
import { TEST_CLIENTS } from "../support/oidc-clients";
import { E2E } from "../support/env";

// Two consoles, a provider and PostgreSQL on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

/** Opens a seeded connection's edit form on a replica and fills what the seed leaves out. */
async function editDescription(page: Page, replica: string, connectionId: string, description: string): Promise<void> {
  await page.goto(`${replica}/connections/${connectionId}/edit`);
  await field(page, "tokenUrl").fill(OIDC_ENDPOINTS.tokenUrl);
  await field(page, "description").fill(description);
}

const save = (page: Page) => page.getByRole("button", { name: "Save", exact: true }).click();
const detailHeading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });

test.beforeAll(async () => {
  await waitForReplicas();
});

test("[REPLICAS] a session signed in on replica A works on replica B, and signing out on B ends it on A too", async ({
  page,
  playwright,
}) => {
  const user = createReplicaUser("AUDITOR");
  await signIn(page, user, replicaA);
  await page.goto(`${replicaB}/connections`);
  await expect(page.getByTestId("current-user")).toHaveText(user.email);
  await expect(page).toHaveURL(`${replicaB}/connections`);

  const replay = await playwright.request.newContext({
    storageState: { cookies: [await copySessionCookie(page.context())], origins: [] },
  });
  await signOut(page);
  const onA = await replay.get(`${replicaA}/connections`, { maxRedirects: 0 });
  expect(onA.headers()["location"]).toBe("/login?error=SessionRequired");
  await replay.dispose();
});

test("[REPLICAS] sign-in throttling counts failures on both replicas together", async ({ page }) => {
  const user = createReplicaUser("AUDITOR");
  for (const [i, url] of [replicaA, replicaB, replicaA, replicaB, replicaA].entries()) {
    await page.goto(`${url}/login`);
    await submitRefusedSignIn(page, { email: user.email, password: `wrong-${i}` });
    await expect(signInAlert(page)).toHaveText("Email or password is incorrect.");
  }
  await page.goto(`${replicaB}/login`);
  await fillSignIn(page, user);
  await expect(signInAlert(page)).toHaveText(/Too many failed sign-ins/);
});

test("[REPLICAS] two admins editing one connection on different replicas get the conflict flow, never an overwrite", async ({
  browser,
}) => {
  const { alice, a, b } = await signInAdminsOnBothReplicas(browser);
  const connection = await seedClientCredentialsConnection({}, "replicas");

  await editDescription(a, replicaA, connection.id, "Alice on replica A");
  await editDescription(b, replicaB, connection.id, "Bob on replica B");
  await save(a);
  await expect(detailHeading(a, connection.name)).toBeVisible();

  await save(b);
  await expect(b.getByTestId("conflict-notice")).toContainText(`${alice.email} changed this connection at`);
  await expect(field(b, "description")).toHaveValue("Bob on replica B");

  await a.reload();
  await expect(detail.summaryValue(a, "Description")).toHaveText("Alice on replica A");
  await a.context().close();
  await b.context().close();
});

test("[REPLICAS] the audit chain verifies after both replicas write at the same moment", async ({ browser }) => {
  test.setTimeout(240_000);
  const { a, b } = await signInAdminsOnBothReplicas(browser);
  const seed = (n: string) =>
    seedConnection(
      {
        name: `replica chain ${n} ${Date.now().toString(36)}`,
        grantType: "client_credentials",
        ...TEST_CLIENTS.clientCredentialsPost,
      },
      "replicas",
    );
  const [first, second] = [await seed("a"), await seed("b")];

  for (let round = 0; round < 2; round += 1) {
    await editDescription(a, replicaA, first.id, `round ${round} on A`);
    await editDescription(b, replicaB, second.id, `round ${round} on B`);
    // Both saves, each with its audit event, leave for their replica at the same moment.
    await Promise.all([save(a), save(b)]);
    await expect(detailHeading(a, first.name)).toBeVisible();
    await expect(detailHeading(b, second.name)).toBeVisible();
  }

  await a.goto(`${replicaA}/audit`);
  await expect(await verifyIntegrity(a)).toContainText(/All [\d,]+ events verify/);
  await a.context().close();
  await b.context().close();
});

test("[REPLICAS] an authorization-code test started on replica A completes on replica B", async ({ page }) => {
  await signIn(page, E2E.admin, replicaA);
  const connection = await seedConnection(
    { grantType: "authorization_code", ...TEST_CLIENTS.replicaWeb, scopes: ["openid", "email"] },
    "replicas",
  );
  await page.goto(`${replicaA}/connections/${connection.id}/tests`);
  const popupOpened = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Test connection" }).click();
  const popup = await popupOpened;
  await signInAtProvider(popup);
  await consentAtProvider(popup);
  // The provider sends the browser back to the shared public URL, which replica B answers.
  await expect.poll(() => connectionHealth(connection.id, "replicas"), { timeout: 60_000 }).toBe("HEALTHY");
});
