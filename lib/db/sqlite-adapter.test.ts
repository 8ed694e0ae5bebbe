/**
 * The SQLite adapter against real database files: a statement outside a transaction never joins
 * another request's transaction, a failed COMMIT leaves a usable handle, and a database whose
 * write lock another connection keeps is retried and then reported as busy.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase } from "@/lib/testing/test-database";
import { gate } from "@/lib/testing/gate";
import { releaseAfterSuccess, reserveAttempt, signInThrottleKeys } from "@/lib/auth/throttle";
import { prisma } from "@/lib/db/prisma";
import { isDatabaseBusyError } from "@/lib/db/database-busy";
import { SqliteAdapterFactory } from "@/lib/db/sqlite-adapter";
import { runSqliteQueryWithBlobs } from "@/lib/db/raw-sql";
import { PrismaClient } from "@/lib/db/generated/client";
import { failureForUnexpectedError } from "@/lib/actions/unexpected-error";

let database: ReturnType<typeof createSqliteTestDatabase>;

beforeAll(() => {
  database = createSqliteTestDatabase();
});

afterAll(async () => {
  await prisma.$disconnect();
  database.cleanup();
});

describe("one serialized path per process", () => {
  it("keeps a write made while another request's transaction is open when that transaction rolls back", async () => {
    await reserveAttempt(signInThrottleKeys("victim@test", null));
    const inside = gate();
    const finish = gate();
    const aborted = prisma
      .$transaction(async (tx) => {
        await tx.user.create({ data: { email: "rolled-back@test", passwordHash: "x", role: "AUDITOR" } });
        inside.open();
        await finish.opened;
        throw new Error("the other request fails");
      })
      .catch((error: Error) => error.message);

    await inside.opened;
    // A successful sign-in clears the account's failures outside any transaction (lib/auth/throttle.ts).
    const cleared = releaseAfterSuccess(signInThrottleKeys("victim@test", null));
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish.open();
    await cleared;

    expect(await aborted).toBe("the other request fails");
    expect(await prisma.user.count({ where: { email: "rolled-back@test" } })).toBe(0);
    expect(await prisma.signInThrottle.count({ where: { key: { contains: "victim@test" } } })).toBe(0);
  });
  it("reads BLOBs as Buffers, in its turn after another request's transaction, which it does not join", async () => {
    const inside = gate();
    const finish = gate();
    const aborted = prisma
      .$transaction(async (tx) => {
        await tx.user.create({ data: { email: "uncommitted@test", passwordHash: "x", role: "AUDITOR" } });
        inside.open();
        await finish.opened;
        throw new Error("the other request fails");
      })
      .catch((error: Error) => error.message);

    await inside.opened;
    let settled = false;
    const read = runSqliteQueryWithBlobs({
      strings: [`SELECT CAST('signed … text' AS BLOB), (SELECT count(*) FROM "User" WHERE "email" = `, `)`],
      values: ["uncommitted@test"],
    }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    finish.open();

    expect(await aborted).toBe("the other request fails");
    expect(await read).toEqual([[Buffer.from("signed … text", "utf8"), 0n]]);
  });
});

describe("a failed COMMIT", () => {
  it("is rolled back and the next transaction runs", async () => {
    const failed = await prisma
      .$transaction(async (tx) => {
        // Deferred foreign keys are checked at COMMIT, which then fails and leaves the transaction open.
        await tx.$executeRaw`PRAGMA defer_foreign_keys = ON`;
        await tx.connection.create({ data: { name: "dangling", createdById: "no-such-user" } });
      })
      .then(
        () => "committed",
        (error: Error) => error.message,
      );
    expect(failed).toMatch(/ForeignKeyConstraintViolation|foreign key/i);
    expect(await prisma.connection.count({ where: { name: "dangling" } })).toBe(0);

    const user = await prisma.$transaction((tx) =>
      tx.user.create({ data: { email: "after-commit-failure@test", passwordHash: "x", role: "AUDITOR" } }),
    );
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
  });
});

describe("another connection holding the write lock", () => {
  async function withWriteLockHeld<T>(heldMs: number, work: (client: PrismaClient) => Promise<T>): Promise<T> {
    const client = new PrismaClient({
      adapter: new SqliteAdapterFactory(`file:${database.databaseFile}`, {
        budgetMs: 400,
        firstDelayMs: 2,
        maxDelayMs: 50,
      }),
    });
    await client.user.count(); // connect (and switch to WAL) before the lock is taken
    const other = new Database(database.databaseFile);
    other.prepare("BEGIN IMMEDIATE").run();
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.prepare("COMMIT").run();
        other.close();
        resolve();
      }, heldMs),
    );
    try {
      return await work(client);
    } finally {
      await released;
      await client.$disconnect();
    }
  }

  it("waits with bounded retries and then writes once the lock is free", async () => {
    const user = await withWriteLockHeld(150, (client) =>
      client.$transaction((tx) =>
        tx.user.create({ data: { email: "waited@test", passwordHash: "x", role: "AUDITOR" } }),
      ),
    );
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
  });

  it("gives up with a busy error after its retries, and nothing is written", async () => {
    const started = Date.now();
    const error = await withWriteLockHeld(1_500, (client) =>
      client
        .$transaction((tx) => tx.user.create({ data: { email: "too-busy@test", passwordHash: "x", role: "AUDITOR" } }))
        .then(
          () => null,
          (e: unknown) => e,
        ),
    );
    expect(Date.now() - started).toBeLessThan(1_400 + 1_500);
    expect(isDatabaseBusyError(error)).toBe(true);
    expect(failureForUnexpectedError(error)).toEqual({
      ok: false,
      error: "The database is busy; nothing was changed, try again.",
      code: "busy",
    });
    expect(await prisma.user.count({ where: { email: "too-busy@test" } })).toBe(0);
  });

  it("retries a statement outside a transaction the same way", async () => {
    const error = await withWriteLockHeld(1_500, (client) =>
      client.signInThrottle.create({ data: { key: "busy-statement" } }).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(isDatabaseBusyError(error)).toBe(true);
    expect(await prisma.signInThrottle.count({ where: { key: "busy-statement" } })).toBe(0);
  });
});
