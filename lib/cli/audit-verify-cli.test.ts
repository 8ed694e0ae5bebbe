/**
 * `npm run audit -- verify` as an operator runs it, against a trail whose newest events were deleted
 * straight in the database: the head mark kept outside the database (lib/audit/head-mark.ts)
 * makes the cut visible, so the CLI exits 1 and names the missing events. A mark of another
 * database sharing the data directory is named, and is no reason to fail.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
// Every head mark file in the data directory (lib/audit/head-mark-log.ts names them audit-head.*).
const removeHeadMarks = () =>
  fs
    .readdirSync(temp.dataDir)
    .filter((name) => name.startsWith("audit-head."))
    .forEach((name) => fs.rmSync(path.join(temp.dataDir, name)));

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };

const record = () =>
  prisma.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor,
      action: "connection.updated",
      target: { type: "connection", id: "c1", name: "C1" },
      details: { diff: {} },
    }),
  );

function runVerify(env: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/audit.ts", "verify"], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The verify command exits 1 and says why. */
function expectVerifyRefusal(message: string) {
  const refused = runVerify();
  expect(refused.status, refused.output).toBe(1);
  expect(refused.output).toContain(message);
}

afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("npm run audit -- verify", () => {
  it("passes on an intact trail and reports the newest events missing after the tail is cut", async () => {
    for (let i = 0; i < 6; i += 1) await record();
    const intact = runVerify();
    expect(intact.status, intact.output).toBe(0);

    expect(temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq > 4`)).toBe(2);
    expectVerifyRefusal("The newest events #5 to #6 are missing");
  }, 120_000);

  it("exits 1 when the newest event was deleted and another one appended over it", async () => {
    temp.rawExec(`DELETE FROM "AuditEvent"`);
    removeHeadMarks();
    for (let i = 0; i < 3; i += 1) await record();
    expect(temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq = 3`)).toBe(1);
    await record();
    expectVerifyRefusal("Event #3 is not the event recorded at that position");
  }, 120_000);

  it("exits 0 and names a head mark of another database in the same data directory", async () => {
    temp.rawExec(`DELETE FROM "AuditEvent"`);
    removeHeadMarks();
    await record();
    // The same data directory used with a second, new database (a test database, another environment).
    const here = { DATA_DIR: temp.dataDir, DATABASE_URL: process.env.DATABASE_URL ?? "" };
    const otherDatabase = createTestDatabase();
    const there = {
      DATA_DIR: temp.dataDir,
      DATABASE_URL: process.env.DATABASE_URL ?? `file:${path.join(otherDatabase.dataDir, "handshake.db")}`,
    };
    Object.assign(process.env, here);
    try {
      const added = spawnSync(
        process.execPath,
        ["--import", "tsx", "lib/cli/user.ts", "add", "someone@example.test", "--password", "a-long-password-1"],
        {
          encoding: "utf8",
          env: { ...process.env, ...there },
        },
      );
      expect(added.status, added.stderr).toBe(0);
      for (const env of [here, there]) {
        const verified = runVerify(env);
        expect(verified.status, verified.output).toBe(0);
        expect(verified.output).toMatch(/belongs to another database \(chain [0-9a-f]{16}\)/);
      }
    } finally {
      otherDatabase.cleanup();
    }
  }, 120_000);
});
