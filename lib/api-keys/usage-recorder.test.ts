import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { resetToBotKey } from "@/lib/testing/token-read-key";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { seededConnectionColumns } = await import("@/lib/testing/seed-connection-row");
const { recordTokenRead, flushTokenReads } = await import("@/lib/api-keys/usage-recorder");
const { SHARED_OWNER, tokenSetIdFor } = await import("@/lib/tokens/token-store");

// More than one statement's worth of rows (lib/db/sql-rows.ts), as requests spread over a fleet make.
const CONNECTIONS = 1_200;
const HOUR_MS = 3_600_000;
const at = new Date("2026-12-05T10:30:00.123Z");

let keyId = "";
const connectionIds: string[] = [];

beforeEach(async () => {
  keyId = await resetToBotKey(prisma);
  connectionIds.length = 0;
  const rows = Array.from({ length: CONNECTIONS }, (_, i) => ({
    ...seededConnectionColumns({ name: `fleet ${i}` }),
    id: `conn${String(i).padStart(5, "0")}`,
  }));
  await prisma.connection.createMany({ data: rows });
  await prisma.tokenSet.createMany({
    data: rows.map((r) => ({
      id: tokenSetIdFor(r.id, SHARED_OWNER),
      connectionId: r.id,
      ownerKey: SHARED_OWNER,
      accessTokenEncrypted: "sealed",
    })),
  });
  connectionIds.push(...rows.map((r) => r.id));
});

afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

function read(connectionId: string, when: Date) {
  recordTokenRead(prisma, {
    apiKeyId: keyId,
    connectionId,
    tokenSetId: tokenSetIdFor(connectionId, SHARED_OWNER),
    at: when,
  });
}

describe("the token read recorder over a fleet of connections", () => {
  it("saves every count exactly, adds to counts already saved for the hour, and starts a new row each hour", async () => {
    connectionIds.forEach((id, i) => {
      for (let n = 0; n <= i % 3; n += 1) read(id, at);
    });
    await flushTokenReads();
    connectionIds.forEach((id) => read(id, new Date(at.getTime() + 1_000)));
    read(connectionIds[0]!, new Date(at.getTime() + HOUR_MS));
    await flushTokenReads();

    const rows = await prisma.tokenReadCount.findMany({ orderBy: [{ connectionId: "asc" }, { hourStart: "asc" }] });
    expect(rows).toHaveLength(CONNECTIONS + 1);
    const hour = new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
    for (const [i, id] of connectionIds.entries()) {
      const row = rows.find((r) => r.connectionId === id && r.hourStart.getTime() === hour.getTime());
      expect(row).toMatchObject({ apiKeyId: keyId, period: "hour", count: (i % 3) + 2 });
      expect(row!.lastReadAt.toISOString()).toBe(new Date(at.getTime() + 1_000).toISOString());
    }
    const next = rows.filter((r) => r.hourStart.getTime() === hour.getTime() + HOUR_MS);
    expect(next).toEqual([expect.objectContaining({ connectionId: connectionIds[0], count: 1 })]);
  });

  it("moves each set's last served time forward only, and keeps it to the millisecond", async () => {
    connectionIds.forEach((id) => read(id, at));
    await flushTokenReads();
    const later = new Date(at.getTime() + 5_000);
    read(connectionIds[1]!, later);
    read(connectionIds[2]!, new Date(at.getTime() - 5_000));
    await flushTokenReads();

    const served = new Map(
      (await prisma.tokenSet.findMany({ select: { connectionId: true, lastServedAt: true } })).map((s) => [
        s.connectionId,
        s.lastServedAt?.toISOString(),
      ]),
    );
    expect(served.get(connectionIds[0]!)).toBe(at.toISOString());
    expect(served.get(connectionIds[1]!)).toBe(later.toISOString());
    expect(served.get(connectionIds[2]!)).toBe(at.toISOString());
    expect([...served.values()].filter((v) => v === undefined)).toEqual([]);
  });
});
