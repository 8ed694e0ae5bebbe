import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { recordStandaloneAuditEvent, SYSTEM_ACTOR } = await import("@/lib/audit/record-audit-event");
const { compareHeadMark } = await import("@/lib/audit/compare-head-mark");
const { prismaSqlRunner } = await import("@/lib/db/raw-sql");

const append = () =>
  recordStandaloneAuditEvent({ actor: SYSTEM_ACTOR, action: "audit.exported", details: { format: "csv", filter: {} } });

describe("compareHeadMark", () => {
  it("holds for a mark of an event appended after Verify's walk ended, and finds one that is gone", async () => {
    const walked = await append();
    const later = await append();
    const runner = prismaSqlRunner(prisma);
    const head = { seq: walked.seq, hash: walked.hash };
    const markOf = (link: { seq: number; hash: string }) => ({
      ...link,
      chain: "c",
      replica: "r",
      state: "committed" as const,
      previous: head,
    });

    expect(await compareHeadMark(runner, markOf(later), head)).toEqual({ verdict: "holds" });
    const gone = { seq: later.seq + 1, hash: "f".repeat(64) };
    expect(await compareHeadMark(runner, markOf(gone), head)).toEqual({ verdict: "missing", link: gone });
    const forged = { seq: later.seq, hash: "e".repeat(64) };
    expect(await compareHeadMark(runner, markOf(forged), head)).toEqual({ verdict: "replaced", link: forged });
  });
});
