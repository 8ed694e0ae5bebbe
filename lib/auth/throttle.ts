/**
 * Sign-in and setup throttling with progressive delays instead of a hard lock. Each key (account and
 * address pair, account, address, setup page per address) has one counter row in the database, so
 * every replica sees the same state. An attempt is reserved (counted as a failure) atomically
 * before the password or setup code is checked, so parallel guesses cannot all pass one check;
 * a success gives the reservation back. Attempts refused during a delay only bump a counter: no row
 * or audit event each. Rows idle for a whole window are pruned.
 */
import { prisma as db } from "@/lib/db/prisma";

/** Failures older than this are forgotten. */
export const WINDOW_MS = 15 * 60 * 1000;

/** `free` failures cost nothing; then each one doubles the wait, from firstDelayMs up to maxDelayMs. */
export type ThrottlePolicy = { free: number; firstDelayMs: number; maxDelayMs: number };

export const POLICIES = {
  /** One account from one address: the usual guessing attack. */
  pair: { free: 5, firstDelayMs: 5_000, maxDelayMs: WINDOW_MS },
  /**
   * One account from everywhere (distributed guessing). The cap is short on purpose: anyone can
   * fail sign-ins for a known email, and that must never lock its owner out for long.
   */
  account: { free: 20, firstDelayMs: 1_000, maxDelayMs: 30_000 },
  /** One address, any account: many people may share a NAT. */
  address: { free: 50, firstDelayMs: 1_000, maxDelayMs: WINDOW_MS },
  /** Wrong setup codes, per address: the setup page is public until the first admin exists. */
  setup: { free: 5, firstDelayMs: 5_000, maxDelayMs: WINDOW_MS },
} as const satisfies Record<string, ThrottlePolicy>;

export type ThrottleKey = { key: string; policy: ThrottlePolicy };

export function signInThrottleKeys(email: string, ip: string | null): ThrottleKey[] {
  const account = email.trim().toLowerCase();
  const address = ip ?? "unknown";
  return [
    { key: `pair:${account}|${address}`, policy: POLICIES.pair },
    { key: `account:${account}`, policy: POLICIES.account },
    { key: `ip:${address}`, policy: POLICIES.address },
  ];
}

export function setupThrottleKeys(ip: string | null): ThrottleKey[] {
  return [{ key: `setup:${ip ?? "unknown"}`, policy: POLICIES.setup }];
}

/** The wait after the n-th failure in a window. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (failures - policy.free), policy.maxDelayMs);
}

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MAX_CAS_ROUNDS = 8;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Counts one failure for the key unless a delay is running. Compare-and-set on the failure count,
 * so of concurrent reservations each sees the one before it (atomic on SQLite and PostgreSQL alike).
 */
async function reserveKey({ key, policy }: ThrottleKey, now: Date): Promise<Reservation> {
  for (let round = 0; round < MAX_CAS_ROUNDS; round += 1) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    if (!row) {
      try {
        await db.signInThrottle.create({ data: { key, failures: 1, lastFailureAt: now, blockedUntil: new Date(now.getTime() + delayAfter(1, policy)) } });
        return { allowed: true };
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }
    if (now < row.blockedUntil) {
      await db.signInThrottle.update({ where: { key }, data: { refused: { increment: 1 } } });
      return { allowed: false, retryAfterSeconds: Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000) };
    }
    const stale = now.getTime() - row.lastFailureAt.getTime() > WINDOW_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    const claimed = await db.signInThrottle.updateMany({
      where: { key, failures: row.failures },
      data: { failures, lastFailureAt: now, blockedUntil: new Date(now.getTime() + delayAfter(failures, policy)), ...(stale ? { refused: 0 } : {}) },
    });
    if (claimed.count === 1) return { allowed: true };
  }
  // Heavy contention on one key is itself a sign of an attack: refuse this attempt.
  return { allowed: false, retryAfterSeconds: Math.ceil(policy.firstDelayMs / 1000) };
}

/** Reserves an attempt on every key, or refuses it when any key is in a delay. */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<Reservation> {
  await pruneIdleThrottles(now);
  for (const key of keys) {
    const row = await db.signInThrottle.findUnique({ where: { key: key.key }, select: { blockedUntil: true } });
    if (row && now < row.blockedUntil) {
      await db.signInThrottle.update({ where: { key: key.key }, data: { refused: { increment: 1 } } });
      return { allowed: false, retryAfterSeconds: Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000) };
    }
  }
  for (const key of keys) {
    const reservation = await reserveKey(key, now);
    if (!reservation.allowed) return reservation;
  }
  return { allowed: true };
}

/**
 * After a successful sign-in: the account's own counters start over; the address only gets this
 * attempt back (one valid account must not reset an address that is guessing others).
 */
export async function releaseAfterSignIn(email: string, ip: string | null): Promise<void> {
  const [pair, account, address] = signInThrottleKeys(email, ip);
  await db.signInThrottle.deleteMany({ where: { key: { in: [pair!.key, account!.key] } } });
  await db.signInThrottle.updateMany({ where: { key: address!.key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

/** Removes counters with no failure for a whole window and no running delay. */
export async function pruneIdleThrottles(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - WINDOW_MS);
  const { count } = await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: cutoff }, blockedUntil: { lt: now } } });
  return count;
}

/** "5 seconds", "2 minutes": for the messages that tell the user how long to wait. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
