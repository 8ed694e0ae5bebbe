import { beforeAll, describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";

const t = openSuiteDatabase({
  record: () => import("@/lib/audit/record-audit-event"),
  diff: () => import("@/lib/audit/diff"),
  stream: () => import("@/lib/audit/stream-audit-export"),
  format: () => import("@/lib/audit/format-audit-export"),
});

const SECRET = "s3cr3t-value-that-must-never-leak";
const actor = {
  id: "u1",
  email: "admin@example.test",
  role: "ADMIN",
  ip: "10.0.0.1",
  userAgent: 'Agent "quoted", with comma',
};

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  // One transaction for the whole history: 1,100 commits would only test the disk.
  await t.db.$transaction(
    async (tx) => {
      for (let i = 1; i <= 1100; i += 1) {
        await t.record.recordAuditEvent(tx, {
          actor,
          action: i % 10 === 0 ? "connection.secret_rotated" : "connection.updated",
          target: { type: "connection", id: "c1", name: "=cmd|' /C calc'!A0" },
          details: {
            diff: t.diff.diffFields(
              { name: "a", clientSecret: "old" },
              { name: `line\nbreak ${i}`, clientSecret: SECRET },
              { secretFields: ["clientSecret"] },
            ),
          },
        });
      }
    },
    { timeout: 60_000 },
  );
});

describe("streamAuditExport", () => {
  it("streams every matching event below the snapshot seq as JSON Lines, newest first, across batches", async () => {
    const text = await readAll(t.stream.streamAuditExport({ conditions: {}, format: "jsonl", beforeSeq: 1051 }));
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq: number; details: { diff: Record<string, unknown> } });
    expect(lines).toHaveLength(1050);
    expect(lines[0]!.seq).toBe(1050);
    expect(lines.at(-1)!.seq).toBe(1);
    expect(lines[0]!.details.diff).toEqual({
      name: { from: "a", to: "line\nbreak 1050" },
      clientSecret: { changed: true, secret: true },
    });
    expect(text).not.toContain(SECRET);
  });

  it("exports CSV with a header and one record per event, fields escaped", async () => {
    const text = await readAll(
      t.stream.streamAuditExport({
        conditions: { action: "connection.secret_rotated" },
        format: "csv",
        beforeSeq: 1_000_000,
      }),
    );
    expect(text.startsWith(`${t.format.AUDIT_CSV.headers.join(",")}\r\n`)).toBe(true);
    const records = text.split("\r\n").filter(Boolean);
    expect(records).toHaveLength(1 + 110);
    expect(records[1]).toMatch(/^1100,/);
    expect(records[1]).toContain('"Agent ""quoted"", with comma"');
    // A formula-like cell is defused with an apostrophe and always quoted (lib/csv/format-csv.ts).
    expect(records[1]).toContain(`,"'=cmd|' /C calc'!A0",`);
    expect(text).not.toContain(SECRET);
  });

  it("reads the same export in small batches: by seq range for the whole trail or a date range, by keyset for a filter", async () => {
    const seqsOf = async (options: Parameters<typeof t.stream.streamAuditExport>[0]) =>
      (await readAll(t.stream.streamAuditExport(options)))
        .trimEnd()
        .split("\n")
        .map((line) => (JSON.parse(line) as { seq: number }).seq);
    const descending = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);
    const whole = { conditions: {}, format: "jsonl", beforeSeq: 1051 } as const;
    expect(await seqsOf({ ...whole, batchSize: 64 })).toEqual(descending(1050, 1));
    const csv = { conditions: {}, format: "csv", beforeSeq: 1051 } as const;
    expect(await readAll(t.stream.streamAuditExport({ ...csv, batchSize: 64 }))).toBe(
      await readAll(t.stream.streamAuditExport(csv)),
    );
    const dateRange = { ...whole, conditions: { seqFrom: 200, seqTo: 700 }, beforeSeq: 1_000_000, batchSize: 64 };
    expect(await seqsOf(dateRange)).toEqual(descending(700, 200));
    const updates = await seqsOf({ ...whole, conditions: { action: "connection.updated" }, batchSize: 64 });
    expect(updates).toEqual(descending(1050, 1).filter((seq) => seq % 10 !== 0));
  });

  it("exports an empty result as a valid empty file: CSV header only, JSON Lines nothing", async () => {
    const csv = await readAll(
      t.stream.streamAuditExport({ conditions: { action: "keys.rotated" }, format: "csv", beforeSeq: 1_000_000 }),
    );
    expect(csv).toBe(`${t.format.AUDIT_CSV.headers.join(",")}\r\n`);
    const jsonl = await readAll(
      t.stream.streamAuditExport({ conditions: { action: "keys.rotated" }, format: "jsonl", beforeSeq: 1_000_000 }),
    );
    expect(jsonl).toBe("");
  });

  it("exports what pruning left, in seq ranges from the oldest event left", async () => {
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" <= 100`);
    const text = await readAll(
      t.stream.streamAuditExport({ conditions: {}, format: "jsonl", beforeSeq: 1051, batchSize: 64 }),
    );
    const seqs = text
      .trimEnd()
      .split("\n")
      .map((line) => (JSON.parse(line) as { seq: number }).seq);
    expect(seqs).toHaveLength(950);
    expect([seqs[0], seqs.at(-1)]).toEqual([1050, 101]);
  });
});
