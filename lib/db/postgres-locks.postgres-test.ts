/**
 * PostgreSQL only (npm run test:unit:postgres): another session holding the console's locks, as any
 * role in the same database can, makes its writes fail as "database busy" and its start-up stop
 * with a message, never wait for ever.
 */
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, POSTGRES_TEMPLATE_DATABASE, testPostgresAdminUrl } from "@/lib/testing/test-database";
import type { SqlStatement } from "@/lib/db/sql-statement";

const adminUrl = testPostgresAdminUrl();
// Short enough that a regression (an unbounded wait) fails on the test timeout, not the suite's.
process.env.DATABASE_LOCK_TIMEOUT_MS = "500";
const temp = adminUrl ? createTestDatabase() : null;
const { prisma } = await import("@/lib/db/prisma");
const { recordAuditEvent, recordStandaloneAuditEvent, SYSTEM_ACTOR } = await import("@/lib/audit/record-audit-event");
const { advisoryLockKeyStatement, postgresSessionConfig, transactionLockStatement } =
  await import("@/lib/db/postgres-session");
const { MIGRATION_LOCK_KEY, MigrationFailedError, migratePostgres } = await import("@/lib/db/migrate-postgres");
const { failureForUnexpectedError } = await import("@/lib/actions/unexpected-error");
const { BUSY_MESSAGE } = await import("@/lib/db/database-busy");
const { getConfig } = await import("@/lib/config/env");

const event = {
  actor: SYSTEM_ACTOR,
  action: "connection.updated" as const,
  target: { type: "connection", id: "c1", name: "C1" },
  details: { diff: {} },
};

/** The statement's text with numbered placeholders, for a plain pg client. */
function textOf(statement: SqlStatement): string {
  return statement.strings.reduce((text, part, index) => `${text}$${index}${part}`);
}

function urlOf(database: string): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A session of someone else in the same database, holding `lockSql` in an open transaction. */
async function holdLock(lockSql: string, values: unknown[]): Promise<{ release: () => Promise<void> }> {
  const other = new Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
  await other.query("BEGIN");
  await other.query(lockSql, values);
  return {
    release: async () => {
      await other.query("ROLLBACK");
      await other.end();
    },
  };
}

async function keyIn(connectionString: string): Promise<string> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const statement = advisoryLockKeyStatement("audit-chain");
    const { rows } = await client.query<{ key: string }>(textOf(statement), [...statement.values]);
    return rows[0]!.key;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (!temp) return;
  await prisma.$disconnect();
  temp.cleanup();
});

describe("PostgreSQL locks held by another session", () => {
  it("sets lock_timeout and statement_timeout on the console's sessions, and turns JIT off", async () => {
    const rows = await prisma.$queryRawUnsafe<Array<{ lock: string; statement: string; jit: string }>>(
      `SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement, current_setting('jit') AS jit`,
    );
    expect(rows).toEqual([{ lock: "500ms", statement: "1min", jit: "off" }]);
    expect(getConfig().databaseTimeouts).toEqual({ lockTimeoutMs: 500, statementTimeoutMs: 60_000 });
  });

  it("keeps a DATABASE_URL's own options and adds the timeouts to them", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("options", "-c application_name=kept-from-url");
    const client = new Client(postgresSessionConfig(url.toString(), { lockTimeoutMs: 700, statementTimeoutMs: 9_000 }));
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT current_setting('application_name') AS name, current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement`,
      );
      expect(rows).toEqual([{ name: "kept-from-url", lock: "700ms", statement: "9s" }]);
    } finally {
      await client.end();
    }
  });

  it("derives the audit lock key from the database: another database gets another key, every session of one the same", async () => {
    const here = await keyIn(process.env.DATABASE_URL!);
    expect(await keyIn(process.env.DATABASE_URL!)).toBe(here);
    expect(await keyIn(urlOf(POSTGRES_TEMPLATE_DATABASE))).not.toBe(here);
    expect(await keyIn(urlOf("postgres"))).not.toBe(here);
  });

  it("fails an audited write fast with the busy message while the audit lock is held, and writes it once the lock is free", async () => {
    const before = await prisma.auditEvent.count();
    const lock = transactionLockStatement("audit-chain");
    const holder = await holdLock(textOf(lock), [...lock.values]);
    try {
      const standalone = await recordStandaloneAuditEvent(event).then(
        () => "written",
        (error: unknown) => error,
      );
      expect(failureForUnexpectedError(standalone)).toEqual({ ok: false, error: BUSY_MESSAGE, code: "busy" });
      const inPrismaTransaction = await prisma
        .$transaction((tx) => recordAuditEvent(tx, event))
        .then(
          () => "written",
          (error: unknown) => error,
        );
      expect(failureForUnexpectedError(inPrismaTransaction)).toEqual({ ok: false, error: BUSY_MESSAGE, code: "busy" });
      expect(await prisma.auditEvent.count()).toBe(before);
    } finally {
      await holder.release();
    }
    await recordStandaloneAuditEvent(event);
    expect(await prisma.auditEvent.count()).toBe(before + 1);
  });

  it("fails an audited write fast with the busy message while another session holds a table lock it needs", async () => {
    const before = await prisma.auditEvent.count();
    const holder = await holdLock(`LOCK TABLE "AuditEvent" IN EXCLUSIVE MODE`, []);
    try {
      const failure = await recordStandaloneAuditEvent(event).then(
        () => "written",
        (error: unknown) => error,
      );
      expect(failureForUnexpectedError(failure)).toEqual({ ok: false, error: BUSY_MESSAGE, code: "busy" });
    } finally {
      await holder.release();
    }
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("stops migrating with a message naming the lock while another session holds the migration lock, and migrates once it is free", async () => {
    const holder = await holdLock("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const options = { timeouts: getConfig().databaseTimeouts, lockWaitMs: 1_000 };
    try {
      const failure = await migratePostgres(process.env.DATABASE_URL!, options).then(
        () => "migrated",
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(MigrationFailedError);
      expect((failure as Error).message).toMatch(/held the migration lock \(PostgreSQL advisory lock 72707369\)/);
    } finally {
      await holder.release();
    }
    expect(await migratePostgres(process.env.DATABASE_URL!, options)).toEqual([]);
  });
});
