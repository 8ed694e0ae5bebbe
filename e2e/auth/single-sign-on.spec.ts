import { expect, test, type Browser } from "@playwright/test";
import { E2E } from "../support/env";
import { signIn, signInAlert } from "../helpers/auth";
import { auditRowsFor, goToAudit } from "../helpers/audit";
import { serveOrExit, spawnConsole } from "../support/spawn-console";
import { COMPANY_IDP_CLIENT, startCompanyIdp } from "../support/company-idp";
import {
  addLocalUser,
  saveSsoSettings,
  signInLocally,
  signInWithSso,
  signOutAtIdp,
  switchSsoOn,
  testSsoSettings,
  usersLink,
} from "../helpers/single-sign-on";

const LABEL = "Company SSO";

test("[AUTH] an admin sets up single sign-on through the company IdP: roles follow its groups, a user in no group is refused, local sign-in off admits only the break-glass account", async ({
  browser,
}) => {
  // A console of its own: single sign-on and local sign-in off apply to every user of the console.
  test.setTimeout(240_000);
  const server = await spawnConsole({
    via: "npm-start",
    env: {
      ADMIN_EMAIL: E2E.admin.email,
      ADMIN_PASSWORD: E2E.admin.password,
      OUTBOUND_ALLOW_HTTP: "true",
      OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
    },
  });
  const idp = await startCompanyIdp(server.url, {
    ada: ["handshake-admins"],
    ben: ["handshake-auditors", "staff"],
    cy: ["staff"],
  });
  const fresh = async (b: Browser) => (await b.newContext({ baseURL: server.url })).newPage();
  try {
    expect(await serveOrExit(server)).toBe("serving");

    const admin = await fresh(browser);
    await signIn(admin, E2E.admin, server.url);
    await saveSsoSettings(admin, {
      issuer: idp.issuer,
      clientId: COMPANY_IDP_CLIENT.clientId,
      clientSecret: COMPANY_IDP_CLIENT.clientSecret,
      buttonLabel: LABEL,
      adminValues: "handshake-admins",
      auditorValues: "handshake-auditors",
    });
    // The stored secret never comes back to the page.
    await admin.reload();
    await expect(admin.getByLabel("Client secret")).toHaveValue("");
    await expect(admin.getByText("A secret is stored and never shown again.", { exact: false })).toBeVisible();
    await testSsoSettings(admin);
    await switchSsoOn(admin);

    const ada = await fresh(browser);
    await signInWithSso(ada, server.url, LABEL, "ada");
    await expect(ada.getByTestId("current-user")).toHaveText("ada@example.test");
    await expect(usersLink(ada)).toBeVisible();
    // Signing out ends the IdP's session too: the next single sign-on asks for the login again.
    await signOutAtIdp(ada, server.url);
    await ada.getByRole("button", { name: `Sign in with ${LABEL}` }).click();
    await expect(ada.getByPlaceholder("Enter any login")).toBeVisible();

    const ben = await fresh(browser);
    await signInWithSso(ben, server.url, LABEL, "ben");
    await expect(ben.getByTestId("current-user")).toHaveText("ben@example.test");
    await expect(usersLink(ben)).toHaveCount(0);

    const cy = await fresh(browser);
    await signInWithSso(cy, server.url, LABEL, "cy");
    await expect(cy.getByRole("heading", { name: "You cannot sign in to Handshake" })).toBeVisible();
    await expect(cy.getByText(/in no group that gives access to Handshake/)).toBeVisible();

    // Moved to the admin group at the IdP: admin from the next sign-in.
    idp.setGroups("ben", ["handshake-admins"]);
    const benAgain = await fresh(browser);
    await signInWithSso(benAgain, server.url, LABEL, "ben");
    await expect(usersLink(benAgain)).toBeVisible();

    // Local sign-in off: a normal account is refused, the break-glass admin still signs in.
    const local = { email: "local-auditor@handshake.test", password: "local-auditor-password-1" };
    addLocalUser(server.dataDir, local);
    await admin.goto("/sign-in-settings");
    await switchSsoOn(admin, E2E.admin.email);
    const refused = await fresh(browser);
    await signInLocally(refused, server.url, local);
    await expect(signInAlert(refused)).toHaveText(
      "Sign-in with a password is turned off: use the single sign-on button.",
    );
    const breakGlass = await fresh(browser);
    await signInLocally(breakGlass, server.url, E2E.admin);
    await expect(breakGlass.getByTestId("current-user")).toHaveText(E2E.admin.email);

    // The IdP's client secret is in no page and no log line; the audit trail shows the events without it.
    await admin.goto("/sign-in-settings");
    expect(await admin.content()).not.toContain(COMPANY_IDP_CLIENT.clientSecret);
    await goToAudit(admin);
    await expect(auditRowsFor(admin, "auth.sso_role_changed")).toHaveCount(1);
    await expect(auditRowsFor(admin, "auth.sso_sign_in_refused")).toHaveCount(1);
    await expect(auditRowsFor(admin, "auth.local_sign_in_refused")).toHaveCount(1);
    expect(await admin.content()).not.toContain(COMPANY_IDP_CLIENT.clientSecret);
    expect(server.output()).not.toContain(COMPANY_IDP_CLIENT.clientSecret);
  } finally {
    await idp.close();
    await server.stop();
  }
});
