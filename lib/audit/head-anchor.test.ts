import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { recordStandaloneAuditEvent } = await import("@/lib/audit/record-audit-event");
const { AUDIT_HEAD_FILE, readHeadAnchor } = await import("@/lib/audit/head-anchor");
const anchorFile = path.join(temp.dataDir, AUDIT_HEAD_FILE);

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };
const append = () => recordStandaloneAuditEvent({ actor, action: "user.created", target: { type: "user", id: "u1", name: "someone" } });

beforeEach(() => {
  temp.rawExec(`DELETE FROM "AuditEvent"`);
  fs.rmSync(anchorFile, { force: true });
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("the head mark log", () => {
  it("holds the newest append as its last line", async () => {
    await append();
    const head = await append();
    const lines = fs.readFileSync(anchorFile, "utf8").split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(readHeadAnchor()).toMatchObject({ status: "ok", anchor: { seq: head.seq, hash: head.hash, previous: { seq: head.seq - 1 } } });
  });

  it("reads past a last line that is still being written or was cut short", async () => {
    const head = await append();
    fs.appendFileSync(anchorFile, '{"seq":99,"hash":"');
    expect(readHeadAnchor()).toMatchObject({ status: "ok", anchor: { seq: head.seq } });
    // The next append starts a clean log instead of continuing the broken line.
    const next = await append();
    expect(fs.readFileSync(anchorFile, "utf8").split("\n")).toHaveLength(2);
    expect(readHeadAnchor()).toMatchObject({ status: "ok", anchor: { seq: next.seq } });
  });

  it("reads a mark file from before the log (one mark, no newline) and continues from it", async () => {
    const head = await append();
    fs.writeFileSync(anchorFile, fs.readFileSync(anchorFile, "utf8").trimEnd());
    expect(readHeadAnchor()).toMatchObject({ status: "ok", anchor: { seq: head.seq } });
    const next = await append();
    expect(readHeadAnchor()).toMatchObject({ status: "ok", anchor: { seq: next.seq, previous: { seq: head.seq } } });
  });

  it("starts over with the newest mark once the log is full", async () => {
    fs.writeFileSync(anchorFile, `${"x".repeat(70 * 1024)}\n`);
    // A full log of someone else's lines is still a tampered mark: appends leave it alone.
    expect(readHeadAnchor()).toEqual({ status: "tampered" });
    fs.rmSync(anchorFile);
    for (let i = 0; i < 300; i += 1) await append();
    expect(fs.statSync(anchorFile).size).toBeLessThan(64 * 1024 + 512);
    expect(readHeadAnchor()).toMatchObject({ status: "ok", anchor: { seq: 300 } });
  });
});
