import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { userCreatedEvent } from "@/lib/testing/audit-test-events";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { recordAuditEvent, recordStandaloneAuditEvent } = await import("@/lib/audit/record-audit-event");
const { verifyAuditChain, describeVerification } = await import("@/lib/audit/verify-audit-chain");
const { listHeadMarkFiles, MARK_LOG_MAX_BYTES, readHeadMark } = await import("@/lib/audit/head-mark-log");

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };
const append = () => recordStandaloneAuditEvent(userCreatedEvent(actor));
const markFile = () => {
  const files = listHeadMarkFiles(temp.dataDir);
  expect(files).toHaveLength(1);
  return files[0]!;
};
const lines = () => fs.readFileSync(markFile(), "utf8").split("\n");
const readMark = () => readHeadMark(markFile(), getConfig().auditKey);

beforeEach(() => {
  temp.rawExec(`DELETE FROM "AuditEvent"`);
  for (const file of listHeadMarkFiles(temp.dataDir)) fs.rmSync(file);
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("the head mark log", () => {
  it("marks each append before its commit and confirms it after, in a file named by chain and replica", async () => {
    const first = await append();
    const head = await append();
    expect(markFile()).toMatch(
      new RegExp(`audit-head\\.${first.hash.slice(0, 16)}\\.${getConfig().auditMarkReplica}\\.jsonl$`),
    );
    expect(lines().map((line) => (line ? JSON.parse(line).state : ""))).toEqual([
      "intent",
      "committed",
      "intent",
      "committed",
      "",
    ]);
    expect(readMark()).toMatchObject({
      status: "ok",
      mark: { state: "committed", seq: head.seq, hash: head.hash, previous: { seq: first.seq, hash: first.hash } },
    });
  });

  it("withdraws the mark of a transaction that rolled back", async () => {
    const head = await append();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAuditEvent(tx, { actor, action: "user.created", details: { role: "ADMIN" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(readMark()).toMatchObject({
      status: "ok",
      mark: { state: "aborted", seq: head.seq + 1, previous: { seq: head.seq, hash: head.hash } },
    });
  });

  it("marks two appends made in one transaction", async () => {
    await append();
    const last = await prisma.$transaction(async (tx) => {
      await recordAuditEvent(tx, { actor, action: "user.created", details: { role: "ADMIN" } });
      return recordAuditEvent(tx, {
        actor,
        action: "user.role_changed",
        details: { diff: { role: { from: "ADMIN", to: "AUDITOR" } } },
      });
    });
    expect(readMark()).toMatchObject({ status: "ok", mark: { state: "committed", seq: last.seq, hash: last.hash } });
    expect(await verifyAuditChain({ key: getConfig().auditKey })).toMatchObject({ ok: true, count: 3 });
  });

  it("reports an append interrupted between its mark and its commit as unresolved, not as intact or as deleted", async () => {
    await append();
    // A real crash: the process exits inside the transaction, after the append wrote its intent.
    const crash = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "--eval",
        `const { prisma } = await import("@/lib/db/prisma");
         const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
         await prisma.$transaction(async (tx) => { await recordAuditEvent(tx, { actor: { id: null, email: "x", role: "ADMIN", ip: null, userAgent: null }, action: "user.created", details: { role: "ADMIN" } }); process.exit(3); });`,
      ],
      { encoding: "utf8", env: process.env },
    );
    expect(crash.status, crash.stderr).toBe(3);
    expect(readMark()).toMatchObject({ status: "ok", mark: { state: "intent", seq: 2 } });
    const result = await verifyAuditChain({ key: getConfig().auditKey });
    expect(result).toMatchObject({ ok: false, problem: { kind: "head_missing", seq: 2 } });
    expect(describeVerification(result)).toContain("Event #2 is missing, and whether it ever committed is unknown");
    // Appends leave the unresolved mark alone until an operator has looked.
    await append();
    expect(readMark()).toMatchObject({ status: "ok", mark: { state: "intent", seq: 2 } });
  }, 120_000);

  it("reads past a last line that is still being written or was cut short", async () => {
    const head = await append();
    fs.appendFileSync(markFile(), '{"seq":99,"hash":"');
    expect(readMark()).toMatchObject({ status: "ok", mark: { seq: head.seq, state: "committed" } });
    // The next append starts a clean log instead of continuing the broken line.
    const next = await append();
    expect(lines()).toHaveLength(3);
    expect(readMark()).toMatchObject({ status: "ok", mark: { seq: next.seq, state: "committed" } });
  });

  it("leaves a log of someone else's lines alone, and starts over with the newest mark once the log is full", async () => {
    await append();
    fs.writeFileSync(markFile(), `${"x".repeat(70 * 1024)}\n`);
    expect(readMark()).toMatchObject({ status: "tampered" });
    await append();
    expect(fs.readFileSync(markFile(), "utf8").startsWith("xxx")).toBe(true);
    fs.rmSync(markFile());
    const head = await append();
    // A full log whose last line is a valid mark: the next append rewrites it to its own mark alone.
    const last = lines().at(-2)!;
    fs.writeFileSync(markFile(), `${last}\n`.repeat(Math.ceil(MARK_LOG_MAX_BYTES / last.length)));
    expect(readMark()).toMatchObject({ status: "ok", mark: { seq: head.seq, state: "committed" }, appendable: false });
    const next = await append();
    expect(lines()).toHaveLength(3);
    expect(readMark()).toMatchObject({ status: "ok", mark: { seq: next.seq, state: "committed" }, appendable: true });
  });
});
