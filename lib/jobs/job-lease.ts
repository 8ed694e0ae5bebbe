/**
 * A named lease in the database so one process at a time runs a job: taken when free, expired
 * or already ours, with one conditional update; renewed by running the job again in time. Timed
 * by the database's clock (lib/tokens/database-clock.ts): a process whose clock runs ahead would
 * otherwise take a live lease, and one whose clock runs behind would write one already over.
 */
import type { Db } from "@/lib/db/prisma";
import { databaseNow, databaseNowPlus } from "@/lib/tokens/database-clock";

export async function claimJobLease(db: Db, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const taken = await db.$executeRaw`UPDATE "Lease" SET "owner" = ${owner}, "until" = ${databaseNowPlus(ttlMs)}
    WHERE "name" = ${name} AND ("owner" = ${owner} OR "until" <= ${databaseNow()})`;
  if (taken === 1) return true;
  // The first claim creates the row; when another process created it first, that one holds it.
  const created =
    await db.$executeRaw`INSERT INTO "Lease" ("name", "owner", "until") VALUES (${name}, ${owner}, ${databaseNowPlus(ttlMs)})
    ON CONFLICT ("name") DO NOTHING`;
  return created === 1;
}

export async function releaseJobLease(db: Db, name: string, owner: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, owner } });
}
