import fs from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import type { SignedAuditPart } from "@/lib/audit/read-audit-events";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { getConfig } = await import("@/lib/config/env");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { createUser, setUserRole, setUserDisabled, resetUserPassword } = await import("@/lib/users/manage-users");
const { verifyAuditChain, describeVerification, continuesIntact } = await import("@/lib/audit/verify-audit-chain");
const { readSignedAuditBatch, splitSignedTexts, SIGNED_TEXT_SEPARATOR } = await import("@/lib/audit/read-audit-events");
const { createChainHasher } = await import("@/lib/audit/chain-hasher");
const { GENESIS_HASH } = await import("@/lib/audit/chain");
const { listHeadMarkFiles } = await import("@/lib/audit/head-mark-log");
const removeHeadMarks = () => listHeadMarkFiles(temp.dataDir).forEach((file) => fs.rmSync(file));

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };

/** A real history: user management through the app's own functions, plus connection events. */
async function writeHistory(): Promise<void> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await createUser(actor, { email: `admin-${stamp}@example.test`, role: "ADMIN", password: "a-long-password-1" });
  const user = await createUser(actor, {
    email: `user-${stamp}@example.test`,
    role: "AUDITOR",
    password: "a-long-password-1",
  });
  await setUserRole(actor, user.id, "ADMIN");
  await setUserDisabled(actor, user.id, true);
  await resetUserPassword(actor, user.id, "another-password-2");
  for (let i = 0; i < 16; i += 1) {
    await prisma.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor,
        action: "connection.updated",
        target: { type: "connection", id: `conn-${i % 3}`, name: `Connection ${i % 3}` },
        details: {
          diff: { scopes: { from: ["a"], to: ["a", `s${i}`] }, clientSecret: { changed: true, secret: true } },
        },
      }),
    );
  }
}

/** Swaps two events' places in the table, as someone with database access could (through -1: seq is unique). */
const swapEvents = (a: number, b: number) =>
  temp.rawExec(
    `UPDATE "AuditEvent" SET seq = -1 WHERE seq = ${a}; UPDATE "AuditEvent" SET seq = ${a} WHERE seq = ${b}; UPDATE "AuditEvent" SET seq = ${b} WHERE seq = -1`,
  );

/** Signed texts joined back into a part's `signed`, as bytes where the database sent bytes. */
const joinSignedTexts = (texts: (string | Uint8Array)[]): string | Uint8Array =>
  texts.every((text) => typeof text === "string")
    ? texts.join(SIGNED_TEXT_SEPARATOR)
    : Buffer.concat(
        texts.flatMap((text, i) => [...(i === 0 ? [] : [Buffer.from(SIGNED_TEXT_SEPARATOR)]), Buffer.from(text)]),
      );

const verify = (batchSize?: number) => verifyAuditChain({ key: getConfig().auditKey, batchSize });

beforeEach(async () => {
  // Each test tampers with its own fresh history.
  temp.rawExec(`DELETE FROM "AuditEvent"`);
  removeHeadMarks();
  await writeHistory();
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("verifyAuditChain", () => {
  it("verifies a real history, across batch boundaries", async () => {
    const count = await prisma.auditEvent.count();
    for (const batchSize of [1, 3, 2000]) {
      const result = await verify(batchSize);
      expect(result).toMatchObject({ ok: true, count, firstSeq: 1, headSeq: count });
    }
    expect(describeVerification(await verify())).toBe(`All ${count} events verify (#1 to #${count}).`);
  });

  it("passes an intact batch on whole strings, and leaves any change to the walk row by row", async () => {
    const hasher = createChainHasher(getConfig().auditKey);
    const start = { seq: 1, prevHash: GENESIS_HASH };
    const check = async (expected = start, offThread = true) =>
      continuesIntact(hasher, await readSignedAuditBatch(0, 1000), expected, offThread);
    try {
      expect(await check(start, false)).toBe(true);
      expect(await check(start, true)).toBe(true);
      expect(await check({ seq: 2, prevHash: GENESIS_HASH })).toBe(false);
      expect(await check({ seq: 1, prevHash: "e".repeat(64) })).toBe(false);
      swapEvents(4, 5);
      expect(await check()).toBe(false);
      swapEvents(4, 5);
      expect(await check()).toBe(true);
      temp.rawExec(`UPDATE "AuditEvent" SET "targetName" = 'Connection 9' WHERE seq = 12`);
      expect(await check()).toBe(false);
    } finally {
      await hasher.close();
    }
  });

  it("checks each part of a batch, their order and the links between them", async () => {
    const hasher = createChainHasher(getConfig().auditKey);
    const start = { seq: 1, prevHash: GENESIS_HASH };
    const whole = await readSignedAuditBatch(0, 1000);
    expect(whole.parts).toHaveLength(1);
    // The same events in parts of 5, as a longer batch is read in parts of 200.
    const { hashes, prevHashes, signed, firstSeq } = whole.parts[0]!;
    const texts = splitSignedTexts(signed);
    const parts: SignedAuditPart[] = [];
    for (let from = 0; from < texts.length; from += 5) {
      const to = Math.min(from + 5, texts.length);
      parts.push({
        count: to - from,
        firstSeq: firstSeq + from,
        lastSeq: firstSeq + to - 1,
        hashes: hashes.slice(from * 64, to * 64),
        prevHashes: prevHashes.slice(from * 64, to * 64),
        signed: joinSignedTexts(texts.slice(from, to)),
      });
    }
    const check = (batchParts: typeof parts) =>
      continuesIntact(hasher, { count: whole.count, parts: batchParts }, start, true);
    try {
      expect(parts.length).toBeGreaterThan(2);
      expect(await check(parts)).toBe(true);
      expect(await check([parts[1]!, parts[0]!, ...parts.slice(2)])).toBe(false);
      const relinked = { ...parts[1]!, prevHashes: "e".repeat(64) + parts[1]!.prevHashes.slice(64) };
      expect(await check([parts[0]!, relinked, ...parts.slice(2)])).toBe(false);
      // Only the HMAC shows a forged hash on the head: no link comes after it.
      const last = parts.at(-1)!;
      const forged = { ...last, hashes: last.hashes.slice(0, -64) + "f".repeat(64) };
      expect(await check([...parts.slice(0, -1), forged])).toBe(false);
    } finally {
      await hasher.close();
    }
  });

  it("names the event whose stored content was changed", async () => {
    temp.rawExec(`UPDATE "AuditEvent" SET "actorEmail" = 'someone-else@example.test' WHERE seq = 7`);
    const result = await verify(3);
    expect(result).toMatchObject({ ok: false, verifiedCount: 6, problem: { kind: "content_changed", seq: 7 } });
    expect(describeVerification(result)).toMatch(/^Broken at event #7: Event #7 was changed after it was written/);
  });

  it("detects a changed diff inside the details", async () => {
    const changed = temp.rawExec(`UPDATE "AuditEvent" SET details = replace(details, '"s3"', '"s9"') WHERE seq = 9`);
    expect(changed).toBe(1);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "content_changed", seq: 9 } });
  });

  it("detects a forged hash on a changed event", async () => {
    temp.rawExec(`UPDATE "AuditEvent" SET hash = '${"f".repeat(64)}' WHERE seq = 5`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "content_changed", seq: 5 } });
  });

  it("names a deleted event", async () => {
    temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq = 10`);
    const result = await verify(4);
    expect(result).toMatchObject({ ok: false, verifiedCount: 9, problem: { kind: "event_missing", seq: 10 } });
    expect(describeVerification(result)).toContain("Event #10 is missing: the chain jumps from #9 to #11.");
  });

  it("names a run of deleted events longer than a batch", async () => {
    temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq BETWEEN 8 AND 15`);
    const result = await verify(3);
    expect(result).toMatchObject({ ok: false, verifiedCount: 7, problem: { kind: "event_missing", seq: 8 } });
    expect(describeVerification(result)).toContain("Event #8 to #15 is missing: the chain jumps from #7 to #16.");
  });

  it("names a deleted first event", async () => {
    temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq = 1`);
    expect(await verify()).toMatchObject({ ok: false, verifiedCount: 0, problem: { kind: "event_missing", seq: 1 } });
  });

  it("detects a deleted event whose successors were renumbered", async () => {
    // Through negative numbers: renumbering in place would collide with the next event's seq.
    temp.rawExec(
      `DELETE FROM "AuditEvent" WHERE seq = 6; UPDATE "AuditEvent" SET seq = -seq WHERE seq > 6; UPDATE "AuditEvent" SET seq = -seq - 1 WHERE seq < 0`,
    );
    const result = await verify();
    expect(result).toMatchObject({ ok: false, verifiedCount: 5, problem: { kind: "event_missing", seq: 6 } });
    expect(describeVerification(result)).toContain("(written as #7) is missing");
  });

  it("names two events whose order was swapped", async () => {
    swapEvents(12, 13);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, verifiedCount: 11, problem: { kind: "order_changed", seq: 12 } });
    expect(describeVerification(result)).toContain("Event #12 is out of order: it was written as #13.");
  });

  it("names events swapped far apart", async () => {
    swapEvents(2, 19);
    expect(await verify()).toMatchObject({
      ok: false,
      problem: { kind: "order_changed", seq: 2, message: "Event #2 is out of order: it was written as #19." },
    });
  });

  it("reports the newest events missing against the head anchored outside the database", async () => {
    const count = await prisma.auditEvent.count();
    temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq > ${count - 3}`);
    const cut = await verify();
    expect(cut).toMatchObject({
      ok: false,
      verifiedCount: count - 3,
      problem: { kind: "head_missing", seq: count - 2 },
    });
    expect(describeVerification(cut)).toContain(`The newest events #${count - 2} to #${count} are missing`);

    // Events appended onto the shortened chain do not move the mark: the evidence stays.
    await prisma.$transaction((tx) =>
      recordAuditEvent(tx, { actor, action: "connection.updated", details: { diff: {} } }),
    );
    await prisma.$transaction((tx) =>
      recordAuditEvent(tx, { actor, action: "connection.updated", details: { diff: {} } }),
    );
    await prisma.$transaction((tx) =>
      recordAuditEvent(tx, { actor, action: "connection.updated", details: { diff: {} } }),
    );
    await prisma.$transaction((tx) =>
      recordAuditEvent(tx, { actor, action: "connection.updated", details: { diff: {} } }),
    );
    expect(await verify()).toMatchObject({
      ok: false,
      problem: {
        kind: "head_missing",
        message: expect.stringMatching(
          new RegExp(
            `^Event #${count} is not the event recorded at that position by replica \\S+: the newest events were replaced\\.$`,
          ),
        ),
      },
    });
  });

  it("reports every event deleted, and an altered head mark", async () => {
    temp.rawExec(`DELETE FROM "AuditEvent"`);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "head_missing", seq: 1 } });
    // The mark is the log's last line: alter that one.
    const [markFile] = listHeadMarkFiles(temp.dataDir);
    const lines = fs.readFileSync(markFile!, "utf8").trimEnd().split("\n");
    lines.push(lines.pop()!.replace(/"seq":\d+/, '"seq":0'));
    fs.writeFileSync(markFile!, `${lines.join("\n")}\n`);
    expect(await verify()).toMatchObject({
      ok: false,
      problem: { kind: "head_missing", message: expect.stringContaining("valid signature") },
    });
  });

  it("reports the empty trail of a new install as nothing to verify", async () => {
    temp.rawExec(`DELETE FROM "AuditEvent"`);
    removeHeadMarks();
    const result = await verify();
    expect(result).toMatchObject({ ok: true, count: 0 });
    expect(describeVerification(result)).toBe("The audit trail is empty: nothing to verify.");
  });
});
