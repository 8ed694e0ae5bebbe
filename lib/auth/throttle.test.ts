/**
 * Sign-in throttling: the delay schedule, and the counters against a real SQLite database built
 * from the migrations (atomic reservations, refused attempts only counted, pruning, per-address setup).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { openSuiteDatabase } from "@/lib/testing/suite-database";

const t = openSuiteDatabase({
  throttle: () => import("@/lib/auth/throttle"),
});

beforeEach(async () => {
  await t.db.signInThrottle.deleteMany();
});

const now = new Date("2026-11-25T12:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("delay schedule", () => {
  it("costs nothing for the free failures, then doubles up to the cap", () => {
    const p = t.throttle.POLICIES.pair;
    expect(t.throttle.delayAfter(p.free - 1, p)).toBe(0);
    expect(t.throttle.delayAfter(p.free, p)).toBe(p.firstDelayMs);
    expect(t.throttle.delayAfter(p.free + 1, p)).toBe(2 * p.firstDelayMs);
    expect(t.throttle.delayAfter(p.free + 40, p)).toBe(p.maxDelayMs);
  });

  it("never delays one account for long, whoever fails its sign-ins", () => {
    expect(t.throttle.delayAfter(10_000, t.throttle.POLICIES.account)).toBeLessThanOrEqual(30_000);
  });

  it("counts an IPv6 address per /64, the block one subscriber can pick fresh addresses from", () => {
    const [, , address] = t.throttle.signInThrottleKeys("a@example.test", "2001:db8:1:2:aaaa::1");
    expect(address!.key).toBe("ip:2001:db8:1:2::/64");
    expect(t.throttle.signInThrottleKeys("a@example.test", "2001:db8:1:2:ffff:1:2:3")[2]!.key).toBe(address!.key);
    expect(t.throttle.signInThrottleKeys("a@example.test", "2001:db8:1:3::1")[2]!.key).not.toBe(address!.key);
    expect(t.throttle.signInThrottleKeys("a@example.test", "::ffff:192.0.2.1")[2]!.key).toBe("ip:192.0.2.1");
  });

  it("keys by normalised account, address and their pair", () => {
    expect(t.throttle.signInThrottleKeys("  Alice@Example.COM ", "10.0.0.1").map((k) => k.key)).toEqual([
      "pair:alice@example.com|10.0.0.1",
      "account:alice@example.com",
      "ip:10.0.0.1",
    ]);
  });
});

describe("reservations", () => {
  it("lets only the free attempts through when they arrive all at once", async () => {
    const keys = t.throttle.signInThrottleKeys("parallel@example.test", "10.0.0.9");
    const results = await Promise.all(Array.from({ length: 20 }, () => t.throttle.reserveAttempt(keys, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(t.throttle.POLICIES.pair.free);
    const pair = await t.db.signInThrottle.findUniqueOrThrow({ where: { key: keys[0]!.key } });
    expect(pair.failures).toBe(t.throttle.POLICIES.pair.free);
    expect(pair.refused).toBe(20 - t.throttle.POLICIES.pair.free);
  });

  it("takes 50 concurrent sign-ins from one address (an office behind one NAT) without refusing any, and counts every one", async () => {
    const address = "203.0.113.50";
    // The real clock, as in production: each attempt starts at its own moment.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.throttle.reserveAttempt(t.throttle.signInThrottleKeys(`office-${i}@example.test`, address)),
      ),
    );
    expect(results.filter((r) => !r.allowed)).toEqual([]);
    const counter = await t.db.signInThrottle.findUniqueOrThrow({ where: { key: `ip:${address}` } });
    expect(counter).toMatchObject({ failures: 50, refused: 0 });
    // The limit itself still holds: the 51st waits.
    const next = await t.throttle.reserveAttempt(
      t.throttle.signInThrottleKeys("office-50@example.test", address),
      counter.lastFailureAt,
    );
    expect(next).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("opens again after the delay instead of locking, and a success starts the account over", async () => {
    const keys = t.throttle.signInThrottleKeys("victim@example.test", "10.0.0.9");
    for (let i = 0; i < t.throttle.POLICIES.pair.free; i += 1) await t.throttle.reserveAttempt(keys, now);
    const refused = await t.throttle.reserveAttempt(keys, later(1000));
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 4 });
    expect(await t.throttle.reserveAttempt(keys, later(t.throttle.POLICIES.pair.firstDelayMs))).toEqual({
      allowed: true,
      sustained: [],
    });
    await t.throttle.releaseAfterSuccess(keys);
    expect(await t.db.signInThrottle.count({ where: { key: { in: [keys[0]!.key, keys[1]!.key] } } })).toBe(0);
  });

  it("keeps fresh IPv6 addresses of one /64 to the limits of one address", async () => {
    const results = [];
    for (let i = 1; i <= 8; i += 1)
      results.push(
        await t.throttle.reserveAttempt(
          t.throttle.signInThrottleKeys("target@example.test", `2001:db8:77:1::${i.toString(16)}`),
          now,
        ),
      );
    expect(results.filter((r) => r.allowed)).toHaveLength(t.throttle.POLICIES.pair.free);
  });

  it("never lets the account delay refuse the owner's known device, while it still refuses unknown ones", async () => {
    const email = "admin@example.test";
    // Guesses from a fresh /64 each, one every 30 seconds: every one passes, and the account delay stays at its cap.
    let at = now;
    const guesses = [];
    for (let i = 1; i <= 30; i += 1) {
      at = later(i * t.throttle.POLICIES.account.maxDelayMs);
      guesses.push(
        await t.throttle.reserveAttempt(t.throttle.signInThrottleKeys(email, `2001:db8:${i.toString(16)}::1`), at),
      );
    }
    expect(guesses.every((g) => g.allowed)).toBe(true);
    const ownerAt = new Date(at.getTime() + 1000);
    expect(
      (await t.throttle.reserveAttempt(t.throttle.signInThrottleKeys(email, "198.51.100.20"), ownerAt)).allowed,
    ).toBe(false);
    expect(
      await t.throttle.reserveAttempt(
        t.throttle.signInThrottleKeys(email, "198.51.100.20", "owner-device-nonce"),
        ownerAt,
      ),
    ).toEqual({ allowed: true, sustained: [] });
    // The known device has limits of its own: a stolen cookie is still only a few guesses.
    for (let i = 1; i < t.throttle.POLICIES.pair.free; i += 1)
      await t.throttle.reserveAttempt(
        t.throttle.signInThrottleKeys(email, "198.51.100.20", "owner-device-nonce"),
        ownerAt,
      );
    expect(
      (
        await t.throttle.reserveAttempt(
          t.throttle.signInThrottleKeys(email, "198.51.100.21", "owner-device-nonce"),
          ownerAt,
        )
      ).allowed,
    ).toBe(false);
  });

  it("reports the account delay as sustained at the failure that reaches its cap and every 25 after", async () => {
    const sustained: number[] = [];
    for (let i = 1; i <= 60; i += 1) {
      const reservation = await t.throttle.reserveAttempt(
        t.throttle.signInThrottleKeys("held@example.test", `198.51.100.${i}`),
        later(i * t.throttle.POLICIES.account.maxDelayMs),
      );
      if (reservation.allowed) sustained.push(...reservation.sustained.map((s) => s.failures));
    }
    expect(t.throttle.delayAfter(25, t.throttle.POLICIES.account)).toBe(t.throttle.POLICIES.account.maxDelayMs);
    expect(t.throttle.delayAfter(24, t.throttle.POLICIES.account)).toBeLessThan(t.throttle.POLICIES.account.maxDelayMs);
    expect(sustained).toEqual([25, 50]);
  });

  it("throttles the setup page per address", async () => {
    for (let i = 0; i < 30; i += 1) await t.throttle.reserveAttempt(t.throttle.setupThrottleKeys("10.0.0.66"), now);
    expect((await t.throttle.reserveAttempt(t.throttle.setupThrottleKeys("10.0.0.66"), now)).allowed).toBe(false);
    expect((await t.throttle.reserveAttempt(t.throttle.setupThrottleKeys("10.0.0.7"), now)).allowed).toBe(true);
    expect(await t.db.signInThrottle.count()).toBe(2);
  });

  it("stores one row per key however many attempts, and prunes idle rows", async () => {
    const keys = t.throttle.signInThrottleKeys("growth@example.test", "10.0.0.5");
    for (let i = 0; i < 200; i += 1) await t.throttle.reserveAttempt(keys, now);
    expect(await t.db.signInThrottle.count()).toBe(3);
    expect(await t.throttle.pruneIdleThrottles(later(t.throttle.WINDOW_MS - 1))).toBe(0);
    expect(await t.throttle.pruneIdleThrottles(later(t.throttle.WINDOW_MS + 1))).toBe(3);
  });
});
