/**
 * The head mark against the attacks and set-ups of the third security review: the newest event
 * deleted and one more appended, several replicas sharing one mark directory, and one data
 * directory used with two databases. Other replicas and the other database are real processes
 * (the user CLI) writing to the same mark directory.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { userCreatedEvent } from "@/lib/testing/audit-test-events";

// The second database is created first: createTestDatabase points this process at the last one.
const other = createTestDatabase();
const otherDatabaseUrl = process.env.DATABASE_URL ?? `file:${path.join(other.dataDir, "handshake.db")}`;
const temp = createTestDatabase();
const markDir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-test-marks-"));
process.env.AUDIT_MARK_DIR = markDir;
process.env.AUDIT_MARK_REPLICA = "replica-a";
process.env.AUDIT_HMAC_KEY = "a-shared-audit-key-for-every-replica-0123456789";

const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { recordAuditEvent, recordStandaloneAuditEvent } = await import("@/lib/audit/record-audit-event");
const { verifyAuditChain, describeVerification } = await import("@/lib/audit/verify-audit-chain");

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };
const append = () => recordStandaloneAuditEvent(userCreatedEvent(actor));
const verify = () => verifyAuditChain({ key: getConfig().auditKey });

/** Runs a CLI as another process of the deployment: another replica, or the console on another database. */
function runCli(args: string[], env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let users = 0;
/** One audited change (a user added) made by another process. */
function addUserElsewhere(env: Record<string, string>): void {
  users += 1;
  const added = runCli(
    ["lib/cli/user.ts", "add", `someone-${users}@example.test`, "--password", "a-long-password-1"],
    env,
  );
  expect(added.status, added.output).toBe(0);
}

const replicaB = () => ({
  DATABASE_URL: getConfig().databaseUrl,
  DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "hs-test-replica-b-")),
  AUDIT_MARK_REPLICA: "replica-b",
});

beforeEach(() => {
  temp.rawExec(`DELETE FROM "AuditEvent"`);
  other.rawExec(`DELETE FROM "AuditEvent"`);
  for (const file of fs.readdirSync(markDir)) fs.rmSync(path.join(markDir, file));
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
  other.cleanup();
  fs.rmSync(markDir, { recursive: true, force: true });
});

describe("the head mark", () => {
  it("reports the newest event deleted even after another event is appended", async () => {
    for (let i = 0; i < 4; i += 1) await append();
    const newest = await append();
    temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq = ${newest.seq}`);
    await append();
    const result = await verify();
    expect(result).toMatchObject({ ok: false, problem: { kind: "head_missing", seq: newest.seq } });
    expect(describeVerification(result)).toContain(`Event #${newest.seq} is not the event recorded at that position`);
  }, 120_000);

  it("is not fooled by a transaction that rolled back after writing its mark", async () => {
    await append();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAuditEvent(tx, { actor, action: "user.created", details: { role: "ADMIN" } });
        throw new Error("the change failed after its event was recorded");
      }),
    ).rejects.toThrow("the change failed");
    expect(await verify()).toMatchObject({ ok: true, count: 1 });
    await append();
    expect(await verify()).toMatchObject({ ok: true, count: 2 });
  }, 120_000);

  it("checks the marks of every replica sharing the mark directory", async () => {
    await append();
    const b = replicaB();
    addUserElsewhere(b);
    expect(await verify()).toMatchObject({ ok: true, count: 2 });
    // Replica B's event is the newest: deleted, then replica A appends over the gap.
    temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq = 2`);
    await append();
    const result = await verify();
    expect(result).toMatchObject({ ok: false, problem: { kind: "head_missing", seq: 2 } });
    expect(describeVerification(result)).toContain("replica-b");
    fs.rmSync(b.DATA_DIR, { recursive: true, force: true });
  }, 120_000);

  it("tells a mark of another database apart from tampering, on both databases", async () => {
    const otherDatabase = { DATABASE_URL: otherDatabaseUrl, DATA_DIR: temp.dataDir };
    await append();
    addUserElsewhere(otherDatabase);
    await append();
    addUserElsewhere(otherDatabase);

    const here = await verify();
    expect(here).toMatchObject({ ok: true, count: 2 });
    expect(describeVerification(here)).toMatch(/belongs? to another database \(chain [0-9a-f]{16}\)/);
    const there = runCli(["lib/cli/audit.ts", "verify"], otherDatabase);
    expect(there.status, there.output).toBe(0);
    expect(there.output).toMatch(/belongs? to another database \(chain [0-9a-f]{16}\)/);
  }, 120_000);
});
