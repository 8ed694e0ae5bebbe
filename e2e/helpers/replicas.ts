/** Two consoles on one PostgreSQL (e2e/support/serve-replicas.ts): their users and readiness. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E } from "../support/env";
import { signIn, uniqueEmail, type Credentials } from "./auth";

export const replicaA = E2E.replicaAUrl;
export const replicaB = E2E.replicaBUrl;

/** Playwright's webServer waits for replica B; replica A started at the same moment. */
export async function waitForReplicas(): Promise<void> {
  await expect
    .poll(async () => (await fetch(`${replicaA}/api/health`).catch(() => null))?.status ?? 0, { timeout: 120_000 })
    .toBe(200);
}

/** Creates a user in the replicas' database through the `npm run user` CLI. */
export function createReplicaUser(role: "ADMIN" | "AUDITOR"): Credentials {
  const email = uniqueEmail(`replica-${role.toLowerCase()}`);
  const password = `pw-${role.toLowerCase()}-${Math.random().toString(36).slice(2)}-e2e`;
  execFileSync(
    process.execPath,
    ["--import", "tsx", "lib/cli/user.ts", "add", email, "--role", role, "--password", password],
    {
      env: {
        ...process.env,
        ...E2E.replicaSecrets,
        DATA_DIR: path.join(E2E.replicaDataDir, "cli"),
        DATABASE_URL: fs.readFileSync(E2E.replicaDatabaseUrlFile, "utf8").trim(),
      },
      encoding: "utf8",
    },
  );
  return { email, password };
}

/** Two admins, each signed in in a browser of their own: alice on replica A, bob on replica B. */
export async function signInAdminsOnBothReplicas(
  browser: Browser,
): Promise<{ alice: Credentials; a: Page; bob: Credentials; b: Page }> {
  const alice = createReplicaUser("ADMIN");
  const bob = createReplicaUser("ADMIN");
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signIn(a, alice, replicaA);
  await signIn(b, bob, replicaB);
  return { alice, a, bob, b };
}
