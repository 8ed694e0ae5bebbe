/**
 * Sign-in, setup and password-change throttling with progressive delays instead of a hard lock.
 * Each key (account and address pair, account, address, known device, setup page per address) has
 * one counter row in the database, so every replica sees the same state. An attempt is reserved
 * (counted as a failure) before the password or setup code is checked, so parallel guesses cannot
 * all pass one check; a success gives the reservation back. Attempts refused during a delay only
 * bump a counter: no row or audit event each. Rows idle for a whole window are pruned.
 */
import ipaddr from "ipaddr.js";
import { prisma as db } from "@/lib/db/prisma";
import { dateOf, runRawTransaction, sql, type SqlRunner } from "@/lib/db/raw-sql";

/** Failures older than this are forgotten. */
export const WINDOW_MS = 15 * 60 * 1000;

/**
 * `free` failures cost nothing; then each one doubles the wait, from firstDelayMs up to maxDelayMs.
 * With `auditEvery`, every auditEvery-th failure in a window is reported as a sustained attack.
 */
export type ThrottlePolicy = { free: number; firstDelayMs: number; maxDelayMs: number; auditEvery?: number };

export const POLICIES = {
  /** One account from one address (or one known device): the usual guessing attack. */
  pair: { free: 5, firstDelayMs: 5_000, maxDelayMs: WINDOW_MS },
  /**
   * One account from everywhere (distributed guessing). The cap is short on purpose: anyone can
   * fail sign-ins for a known email, and that must never lock its owner out for long; known
   * devices skip this key altogether. Every 25th failure (the one that reaches the cap, and each
   * 25 after it) is audited: the delay is then being held up on purpose.
   */
  account: { free: 20, firstDelayMs: 1_000, maxDelayMs: 30_000, auditEvery: 25 },
  /** One address (an IPv6 /64), any account: many people may share a NAT. */
  address: { free: 50, firstDelayMs: 1_000, maxDelayMs: WINDOW_MS },
  /** Wrong setup codes, per address: the setup page is public until the first admin exists. */
  setup: { free: 5, firstDelayMs: 5_000, maxDelayMs: WINDOW_MS },
  /** Wrong current passwords on the password change, per signed-in user. */
  passwordChange: { free: 5, firstDelayMs: 5_000, maxDelayMs: WINDOW_MS },
  /** Wrong second-factor codes, per account from everywhere: the password is already known to whoever types them. */
  secondFactor: { free: 5, firstDelayMs: 5_000, maxDelayMs: WINDOW_MS },
} as const satisfies Record<string, ThrottlePolicy>;

export type ThrottleKey = { key: string; policy: ThrottlePolicy };

/**
 * The throttled unit of an address. One IPv6 subscriber usually holds a whole /64 and can use a
 * fresh address from it for every request, so IPv6 addresses count per /64 (RFC 6177 §2, RFC 7934 §4).
 */
export function addressKeyOf(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return "unknown";
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

/**
 * The keys a sign-in reserves. From a known device (a valid device cookie for this account,
 * lib/auth/device-cookie.ts) the device takes the place of the address pair and the account key is
 * left out: failures elsewhere never delay the owner's own browser (OWASP, "Slow Down Online
 * Guessing Attacks with Device Cookies").
 */
export function signInThrottleKeys(email: string, ip: string | null, knownDevice: string | null = null): ThrottleKey[] {
  const account = email.trim().toLowerCase();
  const address = addressKeyOf(ip);
  if (knownDevice) {
    return [
      { key: `device:${knownDevice}|${account}`, policy: POLICIES.pair },
      { key: `ip:${address}`, policy: POLICIES.address },
    ];
  }
  return [
    { key: `pair:${account}|${address}`, policy: POLICIES.pair },
    { key: `account:${account}`, policy: POLICIES.account },
    { key: `ip:${address}`, policy: POLICIES.address },
  ];
}

export function setupThrottleKeys(ip: string | null): ThrottleKey[] {
  return [{ key: `setup:${addressKeyOf(ip)}`, policy: POLICIES.setup }];
}

export function passwordChangeThrottleKeys(userId: string): ThrottleKey[] {
  return [{ key: `password-change:${userId}`, policy: POLICIES.passwordChange }];
}

export function secondFactorThrottleKeys(userId: string): ThrottleKey[] {
  return [{ key: `second-factor:${userId}`, policy: POLICIES.secondFactor }];
}

/** The wait after the n-th failure in a window. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (failures - policy.free), policy.maxDelayMs);
}

/** `sustained`: the keys whose failures just reached a multiple of their policy's auditEvery. */
export type Reservation =
  { allowed: true; sustained: { key: string; failures: number }[] } | { allowed: false; retryAfterSeconds: number };

type Counter = { key: ThrottleKey; failures: number; refused: number; lastFailureAt: Date; blockedUntil: Date };

/**
 * Adds this attempt to the key's counter in one statement (created at 1 when there is none). The
 * statement also takes the row's write lock, held to the end of the transaction, so reservations
 * on one key take turns instead of racing a read against another's write.
 */
async function incrementCounter(runner: SqlRunner, key: ThrottleKey, now: Date): Promise<Counter> {
  const [row] = await runner.query<{
    failures: number;
    refused: number;
    lastFailureAt: unknown;
    blockedUntil: unknown;
  }>(sql`
    INSERT INTO "SignInThrottle" ("key", "failures", "refused", "lastFailureAt", "blockedUntil") VALUES (${key.key}, 1, 0, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET "failures" = "SignInThrottle"."failures" + 1
    RETURNING "failures", "refused", "lastFailureAt", "blockedUntil"`);
  return {
    key,
    failures: Number(row!.failures),
    refused: Number(row!.refused),
    lastFailureAt: dateOf(row!.lastFailureAt),
    blockedUntil: dateOf(row!.blockedUntil),
  };
}

/** The failures before this attempt that still count: none once the window has passed. */
function earlierFailures(counter: Counter, now: Date): number {
  const stale = now.getTime() - counter.lastFailureAt.getTime() > WINDOW_MS;
  return stale ? 0 : counter.failures - 1;
}

/** Milliseconds this attempt must still wait on the key; 0 while its earlier failures were free. */
function remainingWait(counter: Counter, now: Date): number {
  if (delayAfter(earlierFailures(counter, now), counter.key.policy) === 0) return 0;
  return Math.max(0, counter.blockedUntil.getTime() - now.getTime());
}

/**
 * Reserves an attempt on every key, or refuses it (on all of them) when any key is in a delay.
 * One transaction: every counter is incremented first (in key order, so two reservations never
 * wait for each other's locks), then the attempt either keeps the increments and starts the next
 * delays, or takes them back and is only counted as refused.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<Reservation> {
  await pruneIdleThrottles(now);
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return runRawTransaction(async (runner) => {
    const counters: Counter[] = [];
    for (const key of ordered) counters.push(await incrementCounter(runner, key, now));
    const wait = Math.max(...counters.map((c) => remainingWait(c, now)));
    if (wait > 0) {
      for (const counter of counters) {
        const refused = remainingWait(counter, now) > 0 ? 1 : 0;
        await runner.execute(
          sql`UPDATE "SignInThrottle" SET "failures" = "failures" - 1, "refused" = "refused" + ${refused} WHERE "key" = ${counter.key.key}`,
        );
      }
      return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    const sustained: { key: string; failures: number }[] = [];
    for (const counter of counters) {
      const stale = now.getTime() - counter.lastFailureAt.getTime() > WINDOW_MS;
      const failures = earlierFailures(counter, now) + 1;
      const blockedUntil = new Date(now.getTime() + delayAfter(failures, counter.key.policy));
      await runner.execute(sql`
        UPDATE "SignInThrottle" SET "failures" = ${failures}, "refused" = ${stale ? 0 : counter.refused}, "lastFailureAt" = ${now}, "blockedUntil" = ${blockedUntil}
        WHERE "key" = ${counter.key.key}`);
      const every = counter.key.policy.auditEvery;
      if (every && failures % every === 0) sustained.push({ key: counter.key.key, failures });
    }
    return { allowed: true, sustained };
  });
}

/**
 * After a successful sign-in or password check: the account's (or device's, or user's) own counters
 * start over; the address only gets this attempt back (one valid account must not reset an address
 * that is guessing others).
 */
export async function releaseAfterSuccess(keys: ThrottleKey[]): Promise<void> {
  const own = keys.filter((k) => !k.key.startsWith("ip:")).map((k) => k.key);
  const addresses = keys.filter((k) => k.key.startsWith("ip:")).map((k) => k.key);
  await db.signInThrottle.deleteMany({ where: { key: { in: own } } });
  await db.signInThrottle.updateMany({
    where: { key: { in: addresses }, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

/** Removes counters with no failure for a whole window and no running delay. */
export async function pruneIdleThrottles(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - WINDOW_MS);
  const { count } = await db.signInThrottle.deleteMany({
    where: { lastFailureAt: { lt: cutoff }, blockedUntil: { lt: now } },
  });
  return count;
}

/** "5 seconds", "2 minutes": for the messages that tell the user how long to wait. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
