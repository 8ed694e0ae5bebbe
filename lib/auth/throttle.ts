/**
 * Sign-in throttling: at most MAX_FAILURES failed attempts per account and per client address
 * within the window. Failures are rows in LoginFailure so every replica sees the same count.
 */
import { prisma as db } from "@/lib/db/prisma";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
/** A client address gets more room than one account: many people may share a NAT. */
export const MAX_FAILURES_PER_ADDRESS = 50;

export function throttleKeys(email: string, ip: string | null): { account: string; address: string | null } {
  return { account: `account:${email.trim().toLowerCase()}`, address: ip ? `ip:${ip}` : null };
}

export type ThrottleState = { locked: boolean; retryAfterSeconds: number };

export function evaluateThrottle(failureTimes: Date[], limit: number, now: Date): ThrottleState {
  const recent = failureTimes.filter((t) => now.getTime() - t.getTime() < WINDOW_MS).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < limit) return { locked: false, retryAfterSeconds: 0 };
  const oldestCounted = recent[recent.length - limit]!;
  return { locked: true, retryAfterSeconds: Math.ceil((oldestCounted.getTime() + WINDOW_MS - now.getTime()) / 1000) };
}


export async function checkThrottle(email: string, ip: string | null, now = new Date()): Promise<ThrottleState> {
  const keys = throttleKeys(email, ip);
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await db.loginFailure.findMany({
    where: { key: { in: [keys.account, ...(keys.address ? [keys.address] : [])] }, createdAt: { gte: since } },
    select: { key: true, createdAt: true },
  });
  const account = evaluateThrottle(rows.filter((r) => r.key === keys.account).map((r) => r.createdAt), MAX_FAILURES, now);
  const address = evaluateThrottle(rows.filter((r) => r.key === keys.address).map((r) => r.createdAt), MAX_FAILURES_PER_ADDRESS, now);
  return account.locked ? account : address;
}

export async function recordFailure(email: string, ip: string | null): Promise<void> {
  const keys = throttleKeys(email, ip);
  await db.loginFailure.createMany({ data: [{ key: keys.account }, ...(keys.address ? [{ key: keys.address }] : [])] });
}

export async function clearAccountFailures(email: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { key: throttleKeys(email, null).account } });
}
