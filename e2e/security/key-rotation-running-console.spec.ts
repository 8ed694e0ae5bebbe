import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "../helpers/auth";
import { detail } from "../helpers/connections";
import { storedSecretKeyId, seedClientCredentialsConnection } from "../helpers/seed-connection";
import { E2E } from "../support/env";

function rotateKeys(): string {
  const output = execFileSync(process.execPath, ["--import", "tsx", "lib/cli/keys.ts", "rotate"], {
    env: { ...process.env, DATA_DIR: E2E.appDataDir, DATABASE_URL: "" },
    encoding: "utf8",
  });
  const activeKeyId = /new active key (\S+);/.exec(output)?.[1];
  if (!activeKeyId) throw new Error(`unexpected keys output: ${output}`);
  return activeKeyId;
}

test("[SEC][KEYS] after `npm run keys -- rotate` the running console seals new secrets with the new key", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const connection = await seedClientCredentialsConnection();
  await page.goto(`/connections/${connection.id}`);

  const activeKeyId = rotateKeys();
  expect(await storedSecretKeyId(connection.id)).toBe(activeKeyId);

  await detail.chooseAction(page, "Rotate secret");
  const rotate = page.getByRole("dialog", { name: "Rotate client secret" });
  await rotate.getByLabel("New client secret").fill("secret-typed-after-key-rotation-5512");
  await rotate.getByRole("button", { name: "Save secret" }).click();
  await expect(rotate).toHaveCount(0);
  await expect(detail.summaryValue(page, "Client secret")).toHaveText("•••• 5512");
  expect(await storedSecretKeyId(connection.id)).toBe(activeKeyId);
});
