/** Selectors for the API keys pages and calls to the token API as a service makes them. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import { E2E } from "../support/env";

export const apiKeysPage = {
  navLink: (page: Page) => page.getByRole("navigation").getByRole("link", { name: "API keys" }),
  createButton: (page: Page) => page.getByRole("button", { name: "Create API key" }),
  nameField: (page: Page) => page.getByRole("dialog").getByLabel("Name", { exact: true }),
  connectionChoice: (page: Page, name: string) => page.getByRole("dialog").getByRole("checkbox", { name }),
  userAccessChoice: (page: Page, name: "Shared tokens only" | "Chosen users" | "All users") =>
    page.getByRole("dialog").getByRole("radio", { name }),
  userChoice: (page: Page, email: string) =>
    page.getByRole("dialog").getByRole("group", { name: "Chosen users" }).getByRole("checkbox", { name: email }),
  expiresField: (page: Page) => page.getByRole("dialog").getByLabel("Expires on"),
  submit: (page: Page) => page.getByRole("dialog").getByRole("button", { name: "Create key" }),
  newKey: (page: Page) => page.getByTestId("new-api-key"),
  done: (page: Page) => page.getByRole("dialog").getByRole("button", { name: "Done" }),
  copyButton: (page: Page) => page.getByRole("button", { name: "Copy API key" }),
  row: (page: Page, name: string) => page.getByTestId("api-key-row").filter({ hasText: name }),
  keyLink: (page: Page, name: string) => page.getByRole("link", { name, exact: true }),
  revokeButton: (page: Page) => page.getByRole("button", { name: "Revoke", exact: true }),
  confirmRevoke: (page: Page) => page.getByRole("dialog").getByRole("button", { name: "Revoke key" }),
  facts: (page: Page) => page.getByTestId("api-key-facts"),
  readRows: (page: Page) => page.getByTestId("token-read-row"),
  lastUse: (page: Page, name: string) =>
    page.getByTestId("api-key-row").filter({ hasText: name }).getByTestId("api-key-last-use"),
  refusedCount: (page: Page) => page.getByTestId("api-key-refused-count"),
  lastRefusal: (page: Page) => page.getByTestId("api-key-last-refusal"),
  permissions: (page: Page) => page.getByTestId("api-key-permissions"),
  permissionChoice: (page: Page, permission: string) =>
    page.getByRole("checkbox", { name: new RegExp(`^${permission.replace(":", "\\:")}\\b`) }),
  savePermissions: (page: Page) => page.getByRole("button", { name: "Save permissions" }),
  /** On a connection's page, in the token API example. */
  referenceLink: (page: Page) => page.getByRole("link", { name: "token API reference" }),
  /** The token operation's tables (each operation is a region named by its method and path), or a schema's. */
  referenceTable: (page: Page, name: "Parameters" | "Responses" | "Problem types" | "TokenResponse fields") =>
    name === "TokenResponse fields"
      ? page.getByRole("table", { name })
      : page
          .getByRole("region", { name: /\/api\/v1\/connections\/\{connection\}\/token$/ })
          .getByRole("table", { name }),
  /** On a Per-user connection's page, next to Connect my account. */
  keysReadingMyToken: (page: Page) => page.getByTestId("keys-reading-my-token"),
};

export async function createApiKeyInBrowser(page: Page, name: string, connectionName: string): Promise<void> {
  await apiKeysPage.createButton(page).click();
  await apiKeysPage.nameField(page).fill(name);
  await apiKeysPage.connectionChoice(page, connectionName).check();
  await apiKeysPage.submit(page).click();
  await expect(apiKeysPage.newKey(page)).toBeVisible();
}

export async function requestToken(
  key: string,
  connection: string,
  baseUrl: string = E2E.appUrl,
  user?: string,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const query = user ? `?${new URLSearchParams({ user })}` : "";
  const response = await fetch(`${baseUrl}/api/v1/connections/${encodeURIComponent(connection)}/token${query}`, {
    headers: { authorization: `Bearer ${key}`, "user-agent": "e2e-bot/1.0" },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/**
 * Refresh requests the test server has counted for one client. Specs count their own client's:
 * another spec's refresh, running beside them, lands in the server's total.
 */
export async function refreshesAtServer(clientId: string): Promise<number> {
  return tokenRequestsAtServer("refresh_token", clientId);
}

/**
 * A read from the test authorization server, sent once more when the keep-alive socket it went out
 * on was closed under it ("other side closed", undici's UND_ERR_SOCKET): on a starved worker the
 * client's idle timer can fire after the server's, and undici's fetch does not retry by itself.
 * Only reads: a request that changes nothing may be repeated (RFC 9110 §9.2.2).
 */
async function readFromTestServer(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const closedSocket =
      error instanceof TypeError && (error.cause as { code?: unknown } | undefined)?.code === "UND_ERR_SOCKET";
    if (!closedSocket) throw error;
    return fetch(url, init);
  }
}

/** Token requests of one grant type the test server has counted for one client. */
export async function tokenRequestsAtServer(grantType: string, clientId: string): Promise<number> {
  const response = await readFromTestServer(`${E2E.oidcIssuer}/__test__/grant-counts`);
  const counts = (await response.json()) as Record<string, number>;
  return counts[`${grantType}:${clientId}`] ?? 0;
}

/** Asks the server whether it accepts an access token (RFC 7662 introspection, as the client it was issued to). */
export async function introspect(
  token: string,
  client: { clientId: string; clientSecret: string },
): Promise<{ active: boolean }> {
  // Introspection reads the token's state and changes nothing.
  const response = await readFromTestServer(`${E2E.oidcIssuer}/token/introspection`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ token }),
  });
  return (await response.json()) as { active: boolean };
}

/**
 * A second console process on the main console's database file (another replica). `publicUrl`
 * gives it another APP_URL; `port` keeps specs that run at once apart.
 */
export async function startSecondConsole({ port = E2E.secondAppPort, publicUrl = E2E.appUrl as string } = {}): Promise<{
  url: string;
  stop: () => Promise<void>;
}> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/cli/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: E2E.appDataDir,
      DATABASE_URL: "",
      PORT: String(port),
      APP_URL: publicUrl,
      NEXTAUTH_URL: publicUrl,
      OUTBOUND_ALLOW_HTTP: "true",
      OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logFile = `${E2E.stateDir}/console-${port}.log`;
  const log = fs.createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`the second console did not start (exit ${child.exitCode}); its log: ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Any /api/v1 route with a key, as a service would call it. */
export async function requestApi(key: string, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${E2E.appUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as unknown };
}
