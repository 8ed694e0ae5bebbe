/**
 * `npm run audit -- verify` as an operator runs it, against a trail whose newest events were deleted
 * straight in the database: the head mark kept outside the database (lib/audit/head-anchor.ts)
 * makes the cut visible, so the CLI exits 1 and names the missing events.
 */
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };

function runVerify(): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/audit.ts", "verify"], { encoding: "utf8", env: process.env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("npm run audit -- verify", () => {
  it("passes on an intact trail and reports the newest events missing after the tail is cut", async () => {
    for (let i = 0; i < 6; i += 1) {
      await prisma.$transaction((tx) => recordAuditEvent(tx, { actor, action: "connection.updated", target: { type: "connection", id: "c1", name: "C1" } }));
    }
    const intact = runVerify();
    expect(intact.status, intact.output).toBe(0);

    expect(temp.rawExec(`DELETE FROM "AuditEvent" WHERE seq > 4`)).toBe(2);
    const cut = runVerify();
    expect(cut.status, cut.output).toBe(1);
    expect(cut.output).toContain("The newest events #5 to #6 are missing");
  }, 120_000);
});
