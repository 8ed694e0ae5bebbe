/**
 * `npm run connections` between two installations (#23 item 5): export from one database, plan and
 * apply into a fresh one (its own data directory and encryption key), export again byte for byte;
 * the secrets come from the environment and are in no output; a broken file is refused with every error.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/testing/test-database";

const SECRET = "cli-machine-secret-7a41c9";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hs-connections-cli-"));
const databases: TestDatabase[] = [];
afterAll(() => {
  for (const database of databases) database.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/connections.ts", ...args], {
    encoding: "utf8",
    env: { ...env, OUTBOUND_ALLOW_HTTP: "true" },
  });
  for (const output of [result.stdout, result.stderr]) expect(output).not.toContain(SECRET);
  return result;
}

describe("npm run connections", () => {
  it("moves connections to a fresh installation: export, plan (only creates), apply, export the same bytes, apply again changes nothing", async () => {
    const { createTestDatabase } = await import("@/lib/testing/test-database");
    databases.push(createTestDatabase());
    const source = { ...process.env };
    const { prisma } = await import("@/lib/db/prisma");
    const { seedConnectionRow } = await import("@/lib/testing/seed-connection-row");
    await seedConnectionRow(
      prisma,
      {
        name: "Billing machine",
        grantType: "client_credentials",
        clientId: "billing",
        clientAuthMethod: "client_secret_post",
        tokenUrl: "https://login.example.com/oauth2/token",
        scopes: ["billing.read", "billing.write"],
      },
      { clientSecret: SECRET },
    );
    await seedConnectionRow(prisma, {
      name: "Public app",
      grantType: "authorization_code_pkce",
      clientId: "public-app",
      clientAuthMethod: "none",
      authorizationUrl: "https://login.example.com/authorize",
      tokenUrl: "https://login.example.com/token",
    });
    await prisma.$disconnect();

    const exported = cli(source, "export");
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout).connections.map((c: { name: string }) => c.name)).toEqual([
      "Billing machine",
      "Public app",
    ]);
    const yaml = cli(source, "export", "--names", "billing machine", "--format", "yaml");
    expect(yaml.stdout).toContain("env: HANDSHAKE_SECRET_BILLING_MACHINE");
    const file = path.join(work, "connections.json");
    fs.writeFileSync(file, exported.stdout);

    databases.push(createTestDatabase());
    const target = { ...process.env, HANDSHAKE_SECRET_BILLING_MACHINE: SECRET };
    const missing = cli({ ...target, HANDSHAKE_SECRET_BILLING_MACHINE: "" }, "plan", file);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      "Billing machine.clientSecret: The environment variable HANDSHAKE_SECRET_BILLING_MACHINE is not set.",
    );
    const plan = cli(target, "plan", file);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("+ create Billing machine\n+ create Public app\nPlan: 2 to create, 0 to update");
    const applied = cli(target, "apply", file);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("Applied.");
    expect(cli(target, "export").stdout).toBe(exported.stdout);
    const again = cli(target, "apply", file);
    expect(again.stdout).toContain("Plan: 0 to create, 0 to update, 0 to delete, 2 unchanged");
  }, 180_000);

  it("refuses a broken file whole, listing every error by connection and field", () => {
    const file = path.join(work, "broken.yaml");
    fs.writeFileSync(
      file,
      [
        "version: 1",
        "connections:",
        "  - name: Broken one",
        "    grantType: password",
        "    tokenUrl: not-a-url",
        "    clientAuthMethod: none",
        "  - name: Broken two",
        "    grantType: client_credentials",
        "    clientId: two",
        "    tokenUrl: https://login.example.com/token",
        "    clientAuthMethod: client_secret_basic",
        "",
      ].join("\n"),
    );
    const result = cli({ ...process.env }, "apply", file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("refused (3 errors); nothing was changed");
    expect(result.stderr).toContain("Broken one.grantType:");
    expect(result.stderr).toContain("Broken one.tokenUrl:");
    expect(result.stderr).toContain(
      'Broken two.clientSecret: This client authenticates with a secret: add "clientSecret"',
    );
    expect(cli({ ...process.env }, "plan").status).toBe(2);
  }, 60_000);
});
