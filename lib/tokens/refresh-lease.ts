/**
 * The refresh lease on a token set (TokenSet.refreshLeaseUntil / refreshLeaseOwner): one holder at
 * a time across replicas. It is claimed, renewed and found expired by the database's clock
 * (lib/tokens/database-clock.ts), never a replica's own, so a replica whose clock runs ahead does
 * not see a live lease as expired, nor one whose clock runs behind write a lease that is over at
 * once. The holder renews it while its provider call runs: a slow provider does not hand the
 * refresh to a second replica, which would replay the refresh token the first one is rotating
 * (RFC 9700 §4.14.2: the server then revokes the whole token family).
 */
import type { Db } from "@/lib/db/prisma";
import { databaseNow, databaseNowPlus } from "@/lib/tokens/database-clock";

/** A lease outlives a crashed holder by at most this long; a live holder renews it every third. */
export const REFRESH_LEASE_MS = 15_000;

/** Claims the lease when it is free or expired and the set is still at `version` (nobody refreshed it since it was read). */
export async function claimRefreshLease(
  db: Db,
  tokenSetId: string,
  version: number,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const claimed =
    await db.$executeRaw`UPDATE "TokenSet" SET "refreshLeaseUntil" = ${databaseNowPlus(leaseMs)}, "refreshLeaseOwner" = ${owner}
    WHERE "id" = ${tokenSetId} AND "version" = ${version} AND ("refreshLeaseUntil" IS NULL OR "refreshLeaseUntil" <= ${databaseNow()})`;
  return claimed === 1;
}

async function renewRefreshLease(db: Db, tokenSetId: string, owner: string, leaseMs: number): Promise<boolean> {
  const renewed = await db.$executeRaw`UPDATE "TokenSet" SET "refreshLeaseUntil" = ${databaseNowPlus(leaseMs)}
    WHERE "id" = ${tokenSetId} AND "refreshLeaseOwner" = ${owner}`;
  return renewed === 1;
}

/** Runs `work` (the provider call) while renewing the lease every third of its length, until it settles or the lease is lost. */
export async function holdRefreshLease<T>(
  db: Db,
  lease: { tokenSetId: string; owner: string; leaseMs: number },
  work: () => Promise<T>,
): Promise<T> {
  let held = true;
  let renewing = false;
  const timer = setInterval(() => {
    if (!held || renewing) return;
    renewing = true;
    renewRefreshLease(db, lease.tokenSetId, lease.owner, lease.leaseMs)
      .then((renewed) => (held = renewed))
      // A renewal that failed (database busy) is tried again at the next tick.
      .catch(() => undefined)
      .finally(() => (renewing = false));
  }, lease.leaseMs / 3);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
