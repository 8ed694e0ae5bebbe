/**
 * Sign-in throttling: the delay schedule, and the counters against a real SQLite database built
 * from the migrations (atomic reservations, refused attempts only counted, pruning, per-address setup).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "@/lib/testing/test-database";
import {
  delayAfter,
  POLICIES,
  pruneIdleThrottles,
  releaseAfterSignIn,
  reserveAttempt,
  setupThrottleKeys,
  signInThrottleKeys,
  WINDOW_MS,
} from "@/lib/auth/throttle";

let cleanup: () => void;
let db: PrismaClient;

beforeAll(async () => {
  cleanup = createTestDatabase().cleanup;
  db = (await import("@/lib/db/prisma")).prisma;
});

afterAll(async () => {
  await db.$disconnect();
  cleanup();
});

beforeEach(async () => {
  await db.signInThrottle.deleteMany();
});

const now = new Date("2026-11-25T12:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("delay schedule", () => {
  it("costs nothing for the free failures, then doubles up to the cap", () => {
    const p = POLICIES.pair;
    expect(delayAfter(p.free - 1, p)).toBe(0);
    expect(delayAfter(p.free, p)).toBe(p.firstDelayMs);
    expect(delayAfter(p.free + 1, p)).toBe(2 * p.firstDelayMs);
    expect(delayAfter(p.free + 40, p)).toBe(p.maxDelayMs);
  });

  it("never delays one account for long, whoever fails its sign-ins", () => {
    expect(delayAfter(10_000, POLICIES.account)).toBeLessThanOrEqual(30_000);
  });

  it("keys by normalised account, address and their pair", () => {
    expect(signInThrottleKeys("  Alice@Example.COM ", "10.0.0.1").map((k) => k.key)).toEqual(["pair:alice@example.com|10.0.0.1", "account:alice@example.com", "ip:10.0.0.1"]);
  });
});

describe("reservations", () => {
  it("lets only the free attempts through when they arrive all at once", async () => {
    const keys = signInThrottleKeys("parallel@example.test", "10.0.0.9");
    const results = await Promise.all(Array.from({ length: 20 }, () => reserveAttempt(db, keys, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(POLICIES.pair.free);
    const pair = await db.signInThrottle.findUniqueOrThrow({ where: { key: keys[0]!.key } });
    expect(pair.failures).toBe(POLICIES.pair.free);
    expect(pair.refused).toBe(20 - POLICIES.pair.free);
  });

  it("opens again after the delay instead of locking, and a success starts the account over", async () => {
    const keys = signInThrottleKeys("victim@example.test", "10.0.0.9");
    for (let i = 0; i < POLICIES.pair.free; i += 1) await reserveAttempt(db, keys, now);
    const refused = await reserveAttempt(db, keys, later(1000));
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 4 });
    expect(await reserveAttempt(db, keys, later(POLICIES.pair.firstDelayMs))).toEqual({ allowed: true });
    await releaseAfterSignIn(db, "victim@example.test", "10.0.0.9");
    expect(await db.signInThrottle.count({ where: { key: { in: [keys[0]!.key, keys[1]!.key] } } })).toBe(0);
  });

  it("throttles the setup page per address", async () => {
    for (let i = 0; i < 30; i += 1) await reserveAttempt(db, setupThrottleKeys("10.0.0.66"), now);
    expect((await reserveAttempt(db, setupThrottleKeys("10.0.0.66"), now)).allowed).toBe(false);
    expect((await reserveAttempt(db, setupThrottleKeys("10.0.0.7"), now)).allowed).toBe(true);
    expect(await db.signInThrottle.count()).toBe(2);
  });

  it("stores one row per key however many attempts, and prunes idle rows", async () => {
    const keys = signInThrottleKeys("growth@example.test", "10.0.0.5");
    for (let i = 0; i < 200; i += 1) await reserveAttempt(db, keys, now);
    expect(await db.signInThrottle.count()).toBe(3);
    expect(await pruneIdleThrottles(db, later(WINDOW_MS - 1))).toBe(0);
    expect(await pruneIdleThrottles(db, later(WINDOW_MS + 1))).toBe(3);
  });
});
