/** Selectors and steps for the request security options (PAR, JAR) on the Client step and in the trace. */
import { expect, type Page } from "@playwright/test";
import { field } from "./connections";
import {
  clickNextTo,
  fillWizardThroughClient,
  importEndpointsFromDiscovery,
  wizard,
  type WizardConnection,
} from "./connection-wizard";
import { registerDraftJwks } from "./client-keys";

export type ParModeLabel = "Off" | "When the provider requires it" | "Always";

export const PAR_STEP_TITLE = "Pushed authorization request (PAR, RFC 9126)";
export const JAR_STEP_TITLE = "Signed request object (JAR, RFC 9101)";

export const requestSecurity = {
  parMode: (page: Page) => field(page, "parMode"),
  jar: (page: Page) => field(page, "useJar"),
};

/**
 * Creates a code flow connection through the wizard (endpoints from discovery) with PAR and JAR as
 * given on the Client step;
 * with `registerJwksFor`, the draft's generated key is registered at the test server for that client.
 */
export async function createRequestSecurityConnection(
  page: Page,
  connection: WizardConnection & { par: ParModeLabel; jar?: boolean; registerJwksFor?: string },
): Promise<string> {
  // The PAR endpoint comes from discovery (pushed_authorization_request_endpoint).
  await fillWizardThroughClient(page, connection, importEndpointsFromDiscovery);
  await expect(requestSecurity.parMode(page)).toHaveValue("WHEN_REQUIRED");
  await requestSecurity.parMode(page).selectOption({ label: connection.par });
  if (connection.jar) await requestSecurity.jar(page).click();
  await clickNextTo(page, "Tokens");
  await clickNextTo(page, "Review");
  if (connection.registerJwksFor) await registerDraftJwks(page, connection.registerJwksFor);
  await wizard.save(page).click();
  // The review shows the name as well: wait for the detail page's URL before reading the id from it.
  await expect(page).toHaveURL(/\/connections\/(?!new$)[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: connection.name })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}
