import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalContent, GENESIS_HASH, hashCanonicalContent, signedTextOf } from "@/lib/audit/chain";
import { createChainHasher } from "@/lib/audit/chain-hasher";
import { SIGNED_TEXT_SEPARATOR, type SignedAuditRow } from "@/lib/audit/read-audit-events";

const key = crypto.randomBytes(32);

/** A chain of events whose content holds the characters JSON escapes, and non-ASCII text. */
function chainOf(length: number): SignedAuditRow[] {
  const rows: SignedAuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const canonical = canonicalContent({
      seq,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorId: null,
      actorEmail: `ädmin-${seq}@example.test`,
      actorRole: "ADMIN",
      ip: "127.0.0.1",
      userAgent: 'agent "quoted"\n\u2028',
      action: "connection.updated",
      targetType: "connection",
      targetId: `conn-${seq}`,
      targetName: `Connection ${seq} ✓`,
      connectionId: `conn-${seq}`,
      details: JSON.stringify({ seq, emoji: "🔑" }),
    });
    const hash = hashCanonicalContent(key, prevHash, canonical);
    rows.push({ seq, canonical, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe("createChainHasher", () => {
  it("finds the same mismatches on the worker thread as in this one", async () => {
    const rows = chainOf(50);
    rows[3] = { ...rows[3]!, canonical: rows[3]!.canonical.replace("Connection", "Connexion") };
    rows[17] = { ...rows[17]!, hash: rows[17]!.hash.replace(/^./, (c) => (c === "0" ? "1" : "0")) };
    rows[40] = { ...rows[40]!, prevHash: GENESIS_HASH };
    const hasher = createChainHasher(key);
    try {
      const inline = await hasher.findMismatches(rows, { offThread: false });
      const offThread = await hasher.findMismatches(rows, { offThread: true });
      const intact = await hasher.findMismatches(chainOf(50), { offThread: true });
      expect([...inline]).toEqual([3, 17, 40]);
      expect([...offThread]).toEqual([3, 17, 40]);
      expect(intact.size).toBe(0);
    } finally {
      await hasher.close();
    }
  });

  it("hashes a part's signed texts alike as a string and as UTF-8 bytes, here and on the worker thread", async () => {
    const rows = chainOf(30);
    const expected = rows.map((row) => row.hash).join("");
    const text = rows.map((row) => signedTextOf(row.prevHash, row.canonical)).join(SIGNED_TEXT_SEPARATOR);
    const parts = [text, Buffer.from(text, "utf8"), new Uint8Array(Buffer.from(text, "utf8"))];
    const hasher = createChainHasher(key);
    try {
      expect(await hasher.hashSignedTexts(parts, { offThread: false })).toEqual([expected, expected, expected]);
      expect(await hasher.hashSignedTexts(parts, { offThread: true })).toEqual([expected, expected, expected]);
    } finally {
      await hasher.close();
    }
  });

  it("rejects a batch sent while another is being checked, and after closing", async () => {
    const hasher = createChainHasher(key);
    const first = hasher.findMismatches(chainOf(2000), { offThread: true });
    await expect(hasher.findMismatches(chainOf(1), { offThread: true })).rejects.toThrow(/still checking/);
    expect((await first).size).toBe(0);
    await hasher.close();
    await expect(hasher.findMismatches(chainOf(1), { offThread: true })).rejects.toThrow(/closed/);
  });
});
