/**
 * `npm run keys -- rotate` with the keyring in ENCRYPTION_KEY (always so on PostgreSQL): one command
 * cannot change every replica's environment, so it changes nothing and prints the roll-out order.
 */
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-keys-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("npm run keys -- rotate with ENCRYPTION_KEY set", () => {
  it("explains rolling the keyring to every replica: new key first with the old ones kept, restart, reencrypt, then drop", () => {
    const keyring = `k1:${crypto.randomBytes(32).toString("base64")},k2:${crypto.randomBytes(32).toString("base64")}`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/keys.ts", "rotate"], {
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ENCRYPTION_KEY: keyring },
    });
    expect(result.status).toBe(1);
    const steps = result.stderr.split("\n").filter((line) => /^\s+\d\./.test(line));
    expect(steps).toHaveLength(4);
    expect(steps[0]).toContain("on EVERY replica set ENCRYPTION_KEY=k3:<new base64>,k1:<base64>,k2:<base64>");
    expect(steps[1]).toMatch(/restart every replica/);
    expect(steps[2]).toContain("npm run keys -- reencrypt");
    expect(steps[3]).toMatch(/npm run keys -- status .*drop them from ENCRYPTION_KEY everywhere/);
    expect(result.stderr).not.toContain(keyring.split(",")[0]!.slice(3));
  });
});

describe("npm run keys -- api-key", () => {
  it("creates a key with the chosen permissions (tokens:read unless named) and refuses one outside the list", async () => {
    const { createTestDatabase } = await import("@/lib/testing/test-database");
    const database = createTestDatabase();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "lib/cli/keys.ts", "api-key", ...args], {
        encoding: "utf8",
        env: process.env,
      });
    try {
      const least = run("--name", "ci reader");
      expect(least.status, least.stderr).toBe(0);
      expect(least.stdout.trim()).toMatch(/^hsk_\w+$/);
      const audit = run("--name", "auditor bot", "--permissions", "audit:read,connections:read");
      expect(audit.status, audit.stderr).toBe(0);
      const refused = run("--name", "root", "--permissions", "admin");
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain("--permissions");
      const { prisma } = await import("@/lib/db/prisma");
      const keys = await prisma.apiKey.findMany({
        orderBy: { createdAt: "asc" },
        select: { name: true, permissions: true },
      });
      expect(keys).toEqual([
        { name: "ci reader", permissions: "tokens:read" },
        { name: "auditor bot", permissions: "connections:read audit:read" },
      ]);
      await prisma.$disconnect();
    } finally {
      database.cleanup();
    }
  }, 60_000);
});
