import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { canonicalContent, signedTextOf } = await import("@/lib/audit/chain");
const {
  CSV_CELL_SEPARATOR,
  isPlainCsvRow,
  readAuditCsvRows,
  readAuditEvents,
  readAuditJsonLines,
  readSignedAuditBatch,
  readSignedAuditRows,
  SIGNED_TEXT_SEPARATOR,
} = await import("@/lib/audit/read-audit-events");
const { AUDIT_CSV, auditEventToJsonLine } = await import("@/lib/audit/format-audit-export");
const { streamAuditExport } = await import("@/lib/audit/stream-audit-export");
const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
const { getConfig } = await import("@/lib/config/env");
const { currentDatabaseKind } = await import("@/lib/config/database-url");

// What attackers and odd systems type: quotes, escapes, control characters, non-ASCII, emoji and
// the line separators JSON.stringify leaves alone.
const AWKWARD = [
  'quote " and backslash \\ and slash /',
  "new\nline, tab\t, return\r, backspace\b, form feed\f",
  "low controls \u0001 \u001e \u001f and delete \u007f",
  "accents é ü ß, CJK 漢字, emoji 😀, separators \u2028 \u2029",
  "",
];

async function record(text: string | null, i: number, ip: string | null = null) {
  await prisma.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: { id: null, email: text ?? null, role: "ADMIN", ip, userAgent: text },
      action: "connection.updated",
      target: { type: "connection", id: `conn-${i}`, name: text },
      details: { diff: { name: { from: text, to: `${text}-${i}` } } },
    }),
  );
}

describe("readSignedAuditRows", () => {
  it("renders each event's canonical content in SQL as lib/audit/chain.ts does, and the chain verifies", async () => {
    for (const [i, text] of [...AWKWARD, null].entries()) await record(text, i);
    // PostgreSQL quotes the address unescaped (never typed text in the console): Verify re-checks this one.
    await record("ip", AWKWARD.length + 1, 'odd "address" \\ here');
    const events = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const rows = await readSignedAuditRows(0, 100);
    expect(rows.map((r) => r.seq)).toEqual(events.map((e) => e.seq));
    for (const [i, row] of rows.entries()) {
      // PostgreSQL leaves control characters other than LF, CR and tab raw; Verify re-checks those events exactly.
      const rare =
        currentDatabaseKind() === "postgresql" &&
        (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(row.canonical) || row.canonical.includes("odd "));
      if (!rare) expect(row.canonical).toBe(canonicalContent(events[i]!));
      expect(row.hash).toBe(events[i]!.hash);
      expect(row.prevHash).toBe(events[i]!.prevHash);
    }
    expect(rows.filter((row, i) => row.canonical !== canonicalContent(events[i]!))).toHaveLength(
      currentDatabaseKind() === "postgresql" ? 3 : 0,
    );
    expect((await verifyAuditChain({ key: getConfig().auditKey, batchSize: 2 })).ok).toBe(true);
  });
});

describe("readSignedAuditBatch", () => {
  it("reads a range in parts: each part's count, seq bounds, hashes, links and signed texts in seq order", async () => {
    const before = await prisma.auditEvent.aggregate({ _max: { seq: true } });
    const after = before._max.seq ?? 0;
    // More events than one part holds, so that the batch has several.
    for (let i = 0; i < 450; i += 1) await record(`plain ${i} "quoted" \\ é 😀`, 100 + i);
    const events = await prisma.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" } });
    const batch = await readSignedAuditBatch(after, after + 500);
    expect(batch.count).toBe(450);
    const onSqlite = currentDatabaseKind() === "sqlite";
    expect(batch.parts.map((part) => part.count)).toEqual(onSqlite ? [200, 200, 50] : Array(9).fill(50));
    let offset = 0;
    for (const part of batch.parts) {
      const inPart = events.slice(offset, offset + part.count);
      const signed = inPart.map((e) => signedTextOf(e.prevHash, canonicalContent(e))).join(SIGNED_TEXT_SEPARATOR);
      expect(part).toEqual({
        count: inPart.length,
        firstSeq: inPart[0]!.seq,
        lastSeq: inPart.at(-1)!.seq,
        hashes: inPart.map((e) => e.hash).join(""),
        prevHashes: inPart.map((e) => e.prevHash).join(""),
        // SQLite sends the signed texts as the UTF-8 bytes the HMAC signs.
        signed: onSqlite ? Buffer.from(signed, "utf8") : signed,
      });
      offset += part.count;
    }
    expect(await readSignedAuditBatch(after + 500, after + 600)).toEqual({ count: 0, parts: [] });
  });
});

describe("readAuditEvents", () => {
  it("reads keyset batches in either direction, narrowed by the resolved filter", async () => {
    const all = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const after = await readAuditEvents({ order: "asc", after: all[1]!.seq, limit: 2 });
    expect(after).toEqual(all.slice(2, 4));
    const before = await readAuditEvents({
      order: "desc",
      before: all.at(-1)!.seq,
      limit: 100,
      conditions: { connectionIds: ["conn-1", "conn-3"], seqFrom: all[0]!.seq },
    });
    expect(before.map((e) => e.targetId)).toEqual(["conn-3", "conn-1"]);
    expect(await readAuditEvents({ order: "asc", after: 0, limit: 10, conditions: { connectionIds: [] } })).toEqual([]);
    expect(await readAuditEvents({ order: "asc", after: 0, limit: 10, conditions: { matchesNothing: true } })).toEqual(
      [],
    );
  });
});

describe("readAuditJsonLines", () => {
  it("renders each event's JSON line in SQL exactly as the export formats it in JavaScript", async () => {
    const events = await prisma.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 100 });
    const rows = await readAuditJsonLines({ order: "desc", before: events[0]!.seq + 1, limit: 100 });
    expect(rows.map((r) => r.seq)).toEqual(events.map((e) => e.seq));
    for (const [i, row] of rows.entries()) expect(`${row.line}\n`).toBe(auditEventToJsonLine(events[i]!));
  });

  it("exports details that are not a JSON object as the JavaScript formatter does, on either database", async () => {
    const [first, second, third] = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, take: 3 });
    // What only a hand-edited row holds: PostgreSQL cannot render the batch, and it is formatted from its columns.
    temp.rawExec(`UPDATE "AuditEvent" SET "details" = '42' WHERE "seq" = ${first!.seq}`);
    temp.rawExec(`UPDATE "AuditEvent" SET "details" = '[1, "two"]' WHERE "seq" = ${second!.seq}`);
    temp.rawExec(`UPDATE "AuditEvent" SET "details" = 'not json {' WHERE "seq" = ${third!.seq}`);
    const events = await prisma.auditEvent.findMany({ orderBy: { seq: "desc" } });
    const text = await new Response(
      streamAuditExport({ conditions: {}, format: "jsonl", beforeSeq: events[0]!.seq + 1 }),
    ).text();
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(events.length);
    for (const [i, line] of lines.entries()) {
      expect(JSON.parse(line)).toEqual(JSON.parse(auditEventToJsonLine(events[i]!)));
    }
    const details = lines.slice(-3).map((line) => (JSON.parse(line) as { details: unknown }).details);
    expect(details).toEqual([{ unparsable: "not json {" }, { value: [1, "two"] }, { value: 42 }]);
  });
});

describe("the CSV export", () => {
  it("vouches only for rows the database wrote exactly as AUDIT_CSV formats them", async () => {
    // The database quotes the user agent, the target's name and the details; the other columns hold no typed text.
    const recordNamed = (name: string, i: number) =>
      prisma.$transaction((tx) =>
        recordAuditEvent(tx, {
          actor: { id: "u1", email: "admin@example.test", role: "ADMIN", ip: "10.0.0.1", userAgent: name },
          action: "connection.updated",
          target: { type: "connection", id: `conn-${i}`, name },
          details: { diff: { name: { from: name, to: `${name}-${i}` } } },
        }),
      );
    await recordNamed("Salesforce, production", 80);
    await recordNamed('Mozilla/5.0 "quoted" (KHTML, like Gecko)', 81);
    await recordNamed("{not json, but a brace}", 82);
    await recordNamed('"starts with a quote', 83);
    await recordNamed("-1 looks like a formula", 84);
    await recordNamed("line\nbreak", 85);
    await recordNamed("unit \u001f separator", 86);
    await recordNamed("=1+1", 87);
    const events = await prisma.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 100 });
    const rows = await readAuditCsvRows({ order: "desc", before: events[0]!.seq + 1, limit: 100 });
    expect(rows.map(([seq]) => Number(seq))).toEqual(events.map((e) => e.seq));
    const vouched = rows.map(([, cells]) => isPlainCsvRow(cells));
    for (const [i, [, cells]] of rows.entries()) {
      if (vouched[i]) expect(`${cells.replaceAll(CSV_CELL_SEPARATOR, ",")}\r\n`).toBe(AUDIT_CSV.line(events[i]!));
    }
    const vouchedNames = events.filter((_, i) => vouched[i]).map((e) => e.targetName);
    // Commas and quotes the database quotes itself; a formula, a quote first, a line break or a separator it cannot judge.
    expect(vouchedNames).toEqual(
      expect.arrayContaining([
        "Salesforce, production",
        'Mozilla/5.0 "quoted" (KHTML, like Gecko)',
        "{not json, but a brace}",
      ]),
    );
    for (const name of [
      '"starts with a quote',
      "-1 looks like a formula",
      "unit \u001f separator",
      ...AWKWARD.slice(0, 3),
    ]) {
      expect(vouchedNames).not.toContain(name);
    }
  });

  it("writes each event's line from the database's cells exactly as AUDIT_CSV formats the event", async () => {
    await record('=HYPERLINK("http://evil")', 90);
    // A date SQLite holds in another form than Prisma writes goes through the date functions.
    if (currentDatabaseKind() === "sqlite") {
      temp.rawExec(`UPDATE "AuditEvent" SET "createdAt" = '2026-01-02 03:04:05.678+02:00' WHERE "seq" = 1`);
    }
    const events = await prisma.auditEvent.findMany({ orderBy: { seq: "desc" } });
    const text = await new Response(
      streamAuditExport({ conditions: {}, format: "csv", beforeSeq: events[0]!.seq + 1 }),
    ).text();
    expect(text).toBe(AUDIT_CSV.headerLine() + events.map(AUDIT_CSV.line).join(""));
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
