import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { readDatabaseStats, formatBytes } = await import("@/lib/db/table-stats");

afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("readDatabaseStats", () => {
  it("counts every table's rows exactly and sizes it with its indexes, without the migration table", async () => {
    await prisma.lease.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({ name: `job-${i}`, owner: "x".repeat(200), until: new Date() })),
    });

    const stats = await readDatabaseStats();

    const lease = stats.tables.find((t) => t.table === "Lease");
    expect(lease?.rows).toBe(300);
    expect(lease!.bytes).toBeGreaterThan(300 * 200);
    expect(stats.tables.map((t) => t.table)).toContain("AuditEvent");
    expect(stats.tables.some((t) => t.table.startsWith("_prisma"))).toBe(false);
    expect(stats.databaseBytes).toBeGreaterThanOrEqual(stats.tables.reduce((sum, t) => sum + t.bytes, 0));
  });

  it("formats sizes for people", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(250 * 1024 * 1024)).toBe("250 MiB");
  });
});
