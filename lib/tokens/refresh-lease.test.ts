/**
 * The refresh lease across replicas, against a real oidc-provider (rotating refresh tokens, reuse
 * detection per RFC 9700 §4.14) and a real database (SQLite, or PostgreSQL under npm run
 * test:unit:postgres). Each coordinator plays one replica; the counting proxy holds the holder's
 * token request so the other replica acts while that refresh is in flight.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";
import type { FreshnessRequest } from "@/lib/tokens/refresh-coordinator";

let f: TokenApiFixture;
let lib: typeof import("@/lib/tokens/refresh-coordinator") & typeof import("@/lib/jobs/job-lease");

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  lib = { ...(await import("@/lib/tokens/refresh-coordinator")), ...(await import("@/lib/jobs/job-lease")) };
  // Migrations in a child process plus the provider: slow on a loaded machine.
}, 120_000);

afterAll(async () => {
  await f?.close();
});

const longAgo = () => new Date(Date.now() - 10 * 60_000);

async function expiredSet() {
  const connection = await f.createConnection();
  const set = await f.authorize(connection.id, { expiresAt: longAgo() });
  const request: FreshnessRequest = {
    connection: { id: connection.id },
    tokenSetId: set.tokenSetId,
    minValidSeconds: 0,
    context: { trigger: "api", actor: { id: null, email: "lease test", role: "API_KEY", ip: null, userAgent: null } },
  };
  return { connection, set, request, before: f.proxy.count("refresh_token") };
}

describe("the refresh lease", () => {
  it("is timed by the database's clock: a replica whose clock runs a minute behind keeps its lease", async () => {
    const { set, request, before } = await expiredSet();
    const behind = lib.createRefreshCoordinator({ now: () => Date.now() - 60_000 });
    const other = lib.createRefreshCoordinator({ maxWaitMs: 0 });
    const held = f.proxy.holdNext("refresh_token");
    const first = behind.ensureFreshTokenSet(f.db, request);
    await held.arrived;

    const meanwhile = await other.ensureFreshTokenSet(f.db, request);
    expect(meanwhile.kind).toBe("stale");
    expect(f.proxy.count("refresh_token") - before).toBe(1);

    held.release();
    const landed = await first;
    expect(landed.kind).toBe("fresh");
    const after = await other.ensureFreshTokenSet(f.db, request);
    expect(after).toMatchObject({
      kind: "fresh",
      tokenSet: { version: landed.kind === "fresh" ? landed.tokenSet.version : -1 },
    });
    expect(f.proxy.count("refresh_token") - before).toBe(1);
    expect((await f.storedSecrets(set.tokenSetId)).refreshToken).not.toBe(set.refreshToken);
  });

  it("is extended while the provider call runs, so another replica never takes it from a live holder", async () => {
    const { set, request, before } = await expiredSet();
    const holder = lib.createRefreshCoordinator({ leaseMs: 3_000 });
    const other = lib.createRefreshCoordinator({ maxWaitMs: 0 });
    const held = f.proxy.holdNext("refresh_token");
    const first = holder.ensureFreshTokenSet(f.db, request);
    await held.arrived;
    const claimed = (await f.storedSecrets(set.tokenSetId)).set.refreshLeaseUntil!;
    // Wait until the lease as first claimed has run out.
    await expect.poll(() => Date.now() > claimed.getTime() + 500, { timeout: 20_000, interval: 100 }).toBe(true);

    const meanwhile = await other.ensureFreshTokenSet(f.db, request);
    expect(meanwhile.kind).toBe("stale");
    expect(f.proxy.count("refresh_token") - before).toBe(1);

    held.release();
    expect((await first).kind).toBe("fresh");
    const stored = await f.storedSecrets(set.tokenSetId);
    expect(stored.set).toMatchObject({
      refreshLeaseOwner: null,
      refreshLeaseUntil: null,
      refreshTokenRotations: 1,
      state: "VALID",
    });
  });

  it("keeps a rotated refresh token when the lease was lost but nobody saved a refresh meanwhile", async () => {
    const { set, request, before } = await expiredSet();
    const replica = lib.createRefreshCoordinator();
    const held = f.proxy.holdNext("refresh_token");
    const first = replica.ensureFreshTokenSet(f.db, request);
    await held.arrived;
    // The lease passes to another replica that stops before calling the provider (it saves nothing).
    await f.db.tokenSet.update({
      where: { id: set.tokenSetId },
      data: { refreshLeaseOwner: "stopped-replica", refreshLeaseUntil: longAgo() },
    });

    held.release();
    const outcome = await first;
    expect(outcome.kind).toBe("fresh");
    expect(f.proxy.count("refresh_token") - before).toBe(1);
    const stored = await f.storedSecrets(set.tokenSetId);
    expect(stored.refreshToken).not.toBe(set.refreshToken);
    expect(stored.set).toMatchObject({ state: "VALID", refreshTokenRotations: 1, refreshLeaseOwner: null });
    // The kept token is the family's live one: the next refresh (forced by expiry) succeeds at the server.
    await f.db.tokenSet.update({ where: { id: set.tokenSetId }, data: { expiresAt: longAgo() } });
    expect((await replica.ensureFreshTokenSet(f.db, request)).kind).toBe("fresh");
    expect(f.proxy.count("refresh_token") - before).toBe(2);
  });
});

describe("the background refresher's job lease", () => {
  it("is timed by the database's clock: a replica whose clock runs ahead does not take a live lease", async () => {
    expect(await lib.claimJobLease(f.db, "clock-test", "replica-a", 60_000)).toBe(true);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 5 * 60_000 });
    try {
      expect(await lib.claimJobLease(f.db, "clock-test", "replica-b", 60_000)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
    expect((await f.db.lease.findUniqueOrThrow({ where: { name: "clock-test" } })).owner).toBe("replica-a");
    expect(await lib.claimJobLease(f.db, "clock-test", "replica-a", 60_000)).toBe(true);
  });
});
