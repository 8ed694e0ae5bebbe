/**
 * The background refresher against a real oidc-provider and a real database: Shared sets due
 * before the next scan are refreshed (client credentials with a new token request) by one process
 * at a time, and nothing else is touched.
 */
import { describe, expect, it } from "vitest";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";

const f = startTokenApiFixturePerFile();

describe("background refresh", () => {
  it("refreshes Shared sets due before the next scan, in one process at a time, and leaves others alone", async () => {
    const { startBackgroundRefresher } = await import("@/lib/tokens/background-refresher");
    // Tokens obtained an hour ago: a margin may claim up to half their lifetime.
    const obtainedAt = new Date(Date.now() - 3_600_000);
    const due = await f.createConnection();
    const dueSet = await f.authorize(due.id, { obtainedAt, expiresAt: new Date(Date.now() + 200_000) });
    const off = await f.createConnection({ autoRefresh: false });
    const offSet = await f.authorize(off.id, { obtainedAt, expiresAt: new Date(Date.now() + 200_000) });
    const later = await f.createConnection();
    const laterSet = await f.authorize(later.id, { obtainedAt, expiresAt: new Date(Date.now() + 3_600_000) });

    const one = startBackgroundRefresher(f.db, { intervalMs: 60_000 });
    const two = startBackgroundRefresher(f.db, { intervalMs: 60_000 });
    try {
      await expect
        .poll(async () => (await f.storedSecrets(dueSet.tokenSetId)).set.refreshCount, { timeout: 15_000 })
        .toBe(1);
      expect(await two.runOnce()).toBe(0);
      const lease = await f.db.lease.findUniqueOrThrow({ where: { name: "token-refresher" } });
      expect(lease.owner).toBe(one.owner);
    } finally {
      await one.stop();
      await two.stop();
    }
    expect((await f.storedSecrets(offSet.tokenSetId)).set.refreshCount).toBe(0);
    expect((await f.storedSecrets(laterSet.tokenSetId)).set.refreshCount).toBe(0);
    const events = await f.db.auditEvent.findMany({ where: { connectionId: due.id, action: "token.refreshed" } });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ trigger: "background", outcome: "refreshed" });
  });

  it("does what the switch says for client credentials: a new token before the cached one expires, none with the switch off", async () => {
    const { startBackgroundRefresher } = await import("@/lib/tokens/background-refresher");
    const { key } = await f.createKey();
    const connection = await f.createConnection({ grantType: "client_credentials" });
    const off = await f.createConnection({ grantType: "client_credentials", autoRefresh: false });
    const sets: { id: string; accessToken: unknown }[] = [];
    for (const c of [connection, off]) {
      const first = await f.callTokenApi(key, c.id);
      expect(first.response.status).toBe(200);
      const set = await f.db.tokenSet.findUniqueOrThrow({
        where: { connectionId_ownerKey: { connectionId: c.id, ownerKey: "shared" } },
      });
      // The five-minute tokens, four minutes on: due before the next scan.
      await f.db.tokenSet.update({
        where: { id: set.id },
        data: { obtainedAt: new Date(Date.now() - 240_000), expiresAt: new Date(Date.now() + 60_000) },
      });
      sets.push({ id: set.id, accessToken: first.body.access_token });
    }
    const before = f.proxy.count("client_credentials");

    const refresher = startBackgroundRefresher(f.db, { intervalMs: 60_000 });
    try {
      await expect.poll(async () => (await f.storedSecrets(sets[0]!.id)).set.refreshCount, { timeout: 15_000 }).toBe(1);
    } finally {
      await refresher.stop();
    }
    expect(f.proxy.count("client_credentials") - before).toBe(1);
    const renewed = await f.storedSecrets(sets[0]!.id);
    expect(renewed.accessToken).not.toBe(sets[0]!.accessToken);
    expect(renewed.set.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 200_000);
    expect((await f.storedSecrets(sets[1]!.id)).set.refreshCount).toBe(0);
    const events = await f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "token.refreshed" },
    });
    // The first token came from the API, the next from the background refresher.
    expect(events.map((e) => JSON.parse(e.details))).toEqual([
      expect.objectContaining({ trigger: "api", grant: "client_credentials" }),
      expect.objectContaining({ trigger: "background", grant: "client_credentials" }),
    ]);
  });

  it("backs off a set whose provider stays down, while the token API still tries after each cool-down; a refresh resets it", async () => {
    const { startBackgroundRefresher } = await import("@/lib/tokens/background-refresher");
    const connection = await f.createConnection();
    const { tokenSetId } = await f.authorize(connection.id, {
      obtainedAt: new Date(Date.now() - 3_600_000),
      expiresAt: new Date(Date.now() + 200_000),
    });
    const { key } = await f.createKey();
    const read = () => f.db.tokenSet.findUniqueOrThrow({ where: { id: tokenSetId } });
    const secondsAhead = async () => ((await read()).nextBackgroundRefreshAt!.getTime() - Date.now()) / 1000;
    // As if the cool-down (and, with `backoff`, the refresher's wait) had passed.
    const elapse = (backoff: boolean) =>
      f.db.tokenSet.update({
        where: { id: tokenSetId },
        data: {
          coolDownUntil: new Date(Date.now() - 1000),
          ...(backoff ? { nextBackgroundRefreshAt: new Date(Date.now() - 1000) } : {}),
        },
      });
    const refresher = startBackgroundRefresher(f.db, { intervalMs: 60_000, timer: false });
    const before = f.proxy.count("refresh_token");
    f.proxy.setMode("unavailable");
    try {
      expect(await refresher.runOnce()).toBe(1);
      expect((await read()).refreshFailures).toBe(1);
      expect(await secondsAhead()).toBeGreaterThan(25);
      expect(await secondsAhead()).toBeLessThanOrEqual(30);

      await elapse(true);
      expect(await refresher.runOnce()).toBe(1);
      expect((await read()).refreshFailures).toBe(2);
      expect(await secondsAhead()).toBeGreaterThan(55);
      expect(await secondsAhead()).toBeLessThanOrEqual(60);

      // The cool-down is over but the refresher's wait is not: it leaves the set alone, a bot's call still tries.
      await elapse(false);
      expect(await refresher.runOnce()).toBe(0);
      expect(f.proxy.count("refresh_token") - before).toBe(2);
      const served = await f.callTokenApi(key, connection.id);
      expect(served.response.status).toBe(200);
      expect(served.response.headers.get("handshake-warning")).toMatch(/Refresh failed/);
      expect(f.proxy.count("refresh_token") - before).toBe(3);
      expect((await read()).refreshFailures).toBe(3);
      expect(await secondsAhead()).toBeGreaterThan(115);
      // What the connection's token status shows.
      const { listTokenStatuses } = await import("@/lib/tokens/token-store");
      const [status] = await listTokenStatuses(connection.id);
      expect(status).toMatchObject({
        refreshFailures: 3,
        nextBackgroundRefreshAt: (await read()).nextBackgroundRefreshAt,
      });
    } finally {
      f.proxy.setMode("up");
    }
    const events = await f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "token.refresh_failed" },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => JSON.parse(e.details))).toEqual(
      [1, 2, 3].map((failuresInARow) =>
        expect.objectContaining({ outcome: "provider unavailable, cooling down", failuresInARow }),
      ),
    );

    await elapse(true);
    expect(await refresher.runOnce()).toBe(1);
    await refresher.stop();
    const refreshed = await read();
    expect(refreshed.refreshCount).toBe(1);
    expect(refreshed.refreshFailures).toBe(0);
    expect(refreshed.nextBackgroundRefreshAt).toBeNull();
  });

  it("says a client secret it cannot open is the console's failure, not the provider's, and calls no provider", async () => {
    const { startBackgroundRefresher } = await import("@/lib/tokens/background-refresher");
    const { key } = await f.createKey();
    const connection = await f.createConnection({ grantType: "client_credentials" });
    expect((await f.callTokenApi(key, connection.id)).response.status).toBe(200);
    const set = await f.db.tokenSet.findUniqueOrThrow({
      where: { connectionId_ownerKey: { connectionId: connection.id, ownerKey: "shared" } },
    });
    await f.db.tokenSet.update({
      where: { id: set.id },
      data: { obtainedAt: new Date(Date.now() - 240_000), expiresAt: new Date(Date.now() + 60_000) },
    });
    // Sealed under a key this console does not have (a keyring changed without its old key).
    await f.db.connection.update({
      where: { id: connection.id },
      data: { clientSecretEncrypted: "v1.k-gone.aaaa.bbbb.cccc" },
    });
    const before = f.proxy.count("client_credentials");
    const refresher = startBackgroundRefresher(f.db, { intervalMs: 60_000, timer: false });
    try {
      expect(await refresher.runOnce()).toBe(1);
    } finally {
      await refresher.stop();
    }
    expect(f.proxy.count("client_credentials")).toBe(before);
    const [event] = await f.db.auditEvent.findMany({
      where: { connectionId: connection.id, action: "token.refresh_failed" },
    });
    expect(JSON.parse(event!.details)).toMatchObject({
      outcome: "stored secret unreadable, retrying later",
      error: "stored_secret_unreadable",
      diagnosis: "Stored secret cannot be opened",
      failuresInARow: 1,
    });
    const after = await f.db.tokenSet.findUniqueOrThrow({ where: { id: set.id } });
    expect(after.lastRefreshError).toMatch(/^Stored secret cannot be opened: Handshake could not decrypt/);
    expect(after.state).toBe("VALID");
  });
});
