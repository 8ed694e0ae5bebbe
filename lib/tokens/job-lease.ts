/**
 * A named lease in the database so one process at a time runs a job: taken when free, expired
 * or already ours, with one conditional update; renewed by running the job again in time.
 */
import type { Db } from "@/lib/db/prisma";

export async function claimJobLease(db: Db, name: string, owner: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const until = new Date(now.getTime() + ttlMs);
  const taken = await db.lease.updateMany({ where: { name, OR: [{ owner }, { until: { lte: now } }] }, data: { owner, until } });
  if (taken.count === 1) return true;
  try {
    await db.lease.create({ data: { name, owner, until } });
    return true;
  } catch {
    // Another process holds it (the row exists and is not ours, not expired).
    return false;
  }
}

export async function releaseJobLease(db: Db, name: string, owner: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, owner } });
}
