/**
 * Plain SQL on the shared driver adapter (lib/db/raw-sql.ts) against the real database (SQLite, or
 * PostgreSQL under npm run test:unit:postgres): rows read the same as Prisma's, values are stored
 * the way Prisma stores them, and its transactions share the one SQLite lock with Prisma's.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";
import { gate } from "@/lib/testing/gate";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { runRawQuery, runRawTransaction, sql } = await import("@/lib/db/raw-sql");
const { newRecordId } = await import("@/lib/db/record-id");
const { findConnection } = await import("@/lib/connections/find-connections");

afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("plain SQL on the shared driver adapter", () => {
  it("reads a connection exactly as Prisma does: booleans, dates, numbers and nulls", async () => {
    const created = await prisma.connection.create({
      data: {
        name: "raw read",
        enabled: false,
        testRevocation: true,
        discoveredAt: new Date("2026-03-04T05:06:07.089Z"),
        defaultTokenLifetime: 1234,
        description: null,
      },
    });
    expect(await findConnection(created.id)).toEqual(await prisma.connection.findUnique({ where: { id: created.id } }));
    expect(await findConnection("no-such-connection")).toBeNull();
  });

  it("stores dates in the same form as Prisma's own writes", async () => {
    const connection = await prisma.connection.create({ data: { name: "raw dates" } });
    const at = new Date("2026-05-06T07:08:09.012Z");
    const viaPrisma = await prisma.testRun.create({
      data: { connectionId: connection.id, grantType: "client_credentials", startedAt: at },
      select: { id: true },
    });
    const viaSql = newRecordId();
    await runRawTransaction((runner) =>
      runner.execute(
        sql`INSERT INTO "TestRun" ("id", "connectionId", "grantType", "startedAt") VALUES (${viaSql}, ${connection.id}, ${"client_credentials"}, ${at})`,
      ),
    );
    const stored = await runRawQuery<{ id: string; text: string }>(
      sql`SELECT "id", CAST("startedAt" AS TEXT) AS "text" FROM "TestRun" WHERE "connectionId" = ${connection.id}`,
    );
    const textOf = (id: string) => stored.find((r) => r.id === id)?.text;
    expect(textOf(viaSql)).toBe(textOf(viaPrisma.id));
    expect((await prisma.testRun.findUniqueOrThrow({ where: { id: viaSql } })).startedAt).toEqual(at);
  });

  it("rolls back everything a failing transaction wrote, and keeps a Prisma write made meanwhile", async () => {
    const connection = await prisma.connection.create({ data: { name: "raw rollback" } });
    const inside = gate();
    const failed = runRawTransaction(async (runner) => {
      await runner.execute(
        sql`UPDATE "Connection" SET "description" = ${"from the failed transaction"} WHERE "id" = ${connection.id}`,
      );
      inside.open();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("fails after its write");
    }).catch((error: Error) => error.message);
    await inside.opened;
    // On SQLite this waits for the lock the raw transaction holds instead of joining it.
    const meanwhile = prisma.user.create({ data: { email: "meanwhile@test", passwordHash: "x" } });

    expect(await failed).toBe("fails after its write");
    await meanwhile;
    expect((await findConnection(connection.id))?.description).toBeNull();
    expect(await prisma.user.count({ where: { email: "meanwhile@test" } })).toBe(1);
  });
});
