/**
 * Scheduled checks through the real client-credentials test against the real oidc-provider and
 * database: placed a period ahead at the connection's own minute, run once when due (also when two
 * ticks race), recorded as scheduled, backed off while failing.
 */
import { describe, expect, it } from "vitest";
import { SECRETS, setUpConnectionTestFixture } from "@/lib/testing/connection-test-fixture";
import { UNIT_CLIENTS } from "@/lib/testing/unit-provider-clients";
import { seededConnectionColumns } from "@/lib/testing/seed-connection-row";
import { CHECK_PERIOD_MS, nextCheckAfter, nextCheckSlot } from "@/lib/connection-tests/scheduled-checks";

const fx = setUpConnectionTestFixture();
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe("the schedule", () => {
  it("spreads connections over the hour instead of all at :00", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    const perMinute = new Array<number>(60).fill(0);
    for (let i = 0; i < 6_000; i += 1) {
      const slot = nextCheckSlot(`connection-${i}`, HOUR_MS, now);
      expect(slot.getTime()).toBeGreaterThan(now.getTime());
      expect(slot.getTime() - now.getTime()).toBeLessThanOrEqual(HOUR_MS);
      perMinute[new Date(slot).getUTCMinutes()]! += 1;
    }
    expect(Math.max(...perMinute)).toBeLessThanOrEqual(3 * (6_000 / 60));
    // The same connection keeps its minute.
    expect(nextCheckSlot("c1", HOUR_MS, now).getUTCMinutes()).toBe(
      nextCheckSlot("c1", HOUR_MS, new Date(now.getTime() + 5 * HOUR_MS)).getUTCMinutes(),
    );
  });

  it("backs off a failing connection: twice the interval each time, never more than a day", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    const wait = (failures: number) => nextCheckAfter("c1", HOUR_MS, now, failures).getTime() - now.getTime();
    expect(wait(0)).toBeLessThanOrEqual(HOUR_MS);
    expect(wait(1)).toBeLessThanOrEqual(HOUR_MS);
    expect(wait(2)).toBeGreaterThan(HOUR_MS);
    expect(wait(3)).toBeGreaterThan(3 * HOUR_MS);
    expect(wait(12)).toBeLessThanOrEqual(DAY_MS);
    expect(wait(12)).toBeGreaterThan(DAY_MS - HOUR_MS);
  });
});

/** The scheduler's tick, and a client credentials connection the provider knows. */
async function checkedConnection(name: string) {
  const { runDueChecks } = await import("@/lib/connection-tests/scheduled-checks");
  const connection = await fx.createConnection({
    name,
    ...UNIT_CLIENTS.ccBasic,
  });
  return { runDueChecks, connection };
}

describe("runDueChecks", () => {
  it("runs a due check once, as scheduled, then the next one a day later; a refused secret backs off", async () => {
    const { runDueChecks, connection } = await checkedConnection("scheduled cc");
    await fx.db.connection.update({ where: { id: connection.id }, data: { checkSchedule: "daily" } });
    const start = new Date();

    // Turned on: placed a whole day ahead, at the connection's own time; nothing runs yet.
    expect(await runDueChecks(fx.db, { now: start, fetch: fx.fetch })).toBe(0);
    const placed = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(placed.nextCheckAt!.getTime() - start.getTime()).toBeGreaterThan(DAY_MS);
    expect(placed.nextCheckAt!.getTime() - start.getTime()).toBeLessThanOrEqual(2 * DAY_MS);

    // Due: two ticks racing run it once.
    const due = placed.nextCheckAt!;
    const ran = await Promise.all([
      runDueChecks(fx.db, { now: due, fetch: fx.fetch }),
      runDueChecks(fx.db, { now: due, fetch: fx.fetch }),
    ]);
    expect(ran[0] + ran[1]).toBe(1);
    const runs = await fx.db.testRun.findMany({ where: { connectionId: connection.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "scheduled", startedById: null, status: "SUCCESS" });
    const event = await fx.db.auditEvent.findFirstOrThrow({
      where: { action: "connection.tested", connectionId: connection.id },
    });
    expect(event.actorEmail).toBe("scheduled check");
    expect(JSON.parse(event.details)).toMatchObject({ trigger: "scheduled", outcome: "SUCCESS" });
    const after = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after).toMatchObject({ health: "HEALTHY", checkFailures: 0, lastCheckAt: due });
    expect(after.nextCheckAt!.getTime() - due.getTime()).toBe(CHECK_PERIOD_MS.daily);
    expect(await runDueChecks(fx.db, { now: due, fetch: fx.fetch })).toBe(0);

    // The provider now refuses the client: the next check fails, health follows, and it backs off.
    await fx.db.connection.update({
      where: { id: connection.id },
      data: { clientId: "cc-unknown", checkSchedule: "hourly", nextCheckAt: after.nextCheckAt },
    });
    const failing = after.nextCheckAt!;
    expect(await runDueChecks(fx.db, { now: failing, fetch: fx.fetch })).toBe(1);
    const broken = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(broken).toMatchObject({ health: "FAILING", checkFailures: 1 });
    expect(await runDueChecks(fx.db, { now: broken.nextCheckAt!, fetch: fx.fetch })).toBe(1);
    const twice = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(twice.checkFailures).toBe(2);
    expect(twice.nextCheckAt!.getTime() - broken.nextCheckAt!.getTime()).toBeGreaterThan(HOUR_MS);
  });
});

describe("placing scheduled connections", () => {
  it("places every newly scheduled connection, past one batch, and leaves the rest and updatedAt alone", async () => {
    const { runDueChecks } = await import("@/lib/connection-tests/scheduled-checks");
    const now = new Date();
    const farAway = new Date(now.getTime() + 10 * HOUR_MS);
    const fleet = Array.from({ length: 2_300 }, (_, i) => {
      const kind = ["daily", "hourly", "hourly-far", "off", "disabled"][i % 5]!;
      return { id: `placing${String(i).padStart(5, "0")}`, kind };
    });
    await fx.db.connection.createMany({
      data: fleet.map(({ id, kind }) => ({
        ...seededConnectionColumns({ name: id, grantType: "client_credentials", clientId: "c", scopes: [] }, { id }),
        checkSchedule: kind.startsWith("hourly") ? "hourly" : kind === "off" ? "off" : "daily",
        enabled: kind !== "disabled",
        nextCheckAt: kind === "hourly-far" ? farAway : null,
      })),
    });
    const before = new Map(
      (await fx.db.connection.findMany({ where: { id: { startsWith: "placing" } } })).map((c) => [c.id, c]),
    );

    expect(await runDueChecks(fx.db, { now, fetch: fx.fetch })).toBe(0);

    const after = await fx.db.connection.findMany({ where: { id: { startsWith: "placing" } } });
    expect(after).toHaveLength(fleet.length);
    const kinds = new Map(fleet.map((c) => [c.id, c.kind]));
    for (const connection of after) {
      const kind = kinds.get(connection.id)!;
      const period = kind.startsWith("hourly") ? HOUR_MS : DAY_MS;
      const expected =
        kind === "off" || kind === "disabled"
          ? null
          : nextCheckSlot(connection.id, period, new Date(now.getTime() + period)).getTime();
      expect({ id: connection.id, at: connection.nextCheckAt?.getTime() ?? null }).toEqual({
        id: connection.id,
        at: expected,
      });
      expect(connection.updatedAt).toEqual(before.get(connection.id)!.updatedAt);
    }
  });
});

describe("a check that cannot run", () => {
  it("sends one “could not run” per incident, records no test and leaves health alone", async () => {
    const { runDueChecks, connection } = await checkedConnection("unreadable secret");
    // Only this connection is due from here on.
    await fx.db.connection.updateMany({ where: { id: { not: connection.id } }, data: { checkSchedule: "off" } });
    const readable = connection.clientSecretEncrypted!;
    // Sealed for another record: it cannot be opened for this one (the AES-GCM associated data differs).
    const unreadable = fx.engine.encryptSecret(SECRETS.ccBasic, { recordId: "another", field: "clientSecret" });
    const due = async () => (await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } })).nextCheckAt!;
    const events = async () =>
      (
        await fx.db.notificationEvent.findMany({
          where: { connectionId: connection.id },
          orderBy: { createdAt: "asc" },
        })
      ).map((e) => e.type);
    await fx.db.connection.update({
      where: { id: connection.id },
      data: { checkSchedule: "hourly", nextCheckAt: new Date(), clientSecretEncrypted: unreadable, health: "HEALTHY" },
    });

    expect(await runDueChecks(fx.db, { now: await due(), fetch: fx.fetch })).toBe(1);
    expect(await runDueChecks(fx.db, { now: await due(), fetch: fx.fetch })).toBe(1);
    expect(await events()).toEqual(["connection.check_could_not_run"]);
    const event = await fx.db.notificationEvent.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(JSON.parse(event.payload).summary).toContain("client secret cannot be opened");
    expect(event.payload).not.toContain(SECRETS.ccBasic);
    const broken = await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(broken).toMatchObject({ health: "HEALTHY", checkFailures: 2 });
    expect(await fx.db.testRun.count({ where: { connectionId: connection.id } })).toBe(0);

    // Readable again: the check runs, which ends the incident; the next failure to run is a new one.
    await fx.db.connection.update({ where: { id: connection.id }, data: { clientSecretEncrypted: readable } });
    expect(await runDueChecks(fx.db, { now: await due(), fetch: fx.fetch })).toBe(1);
    expect(await fx.db.connection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      checkErrorAt: null,
      checkFailures: 0,
      health: "HEALTHY",
    });
    await fx.db.connection.update({ where: { id: connection.id }, data: { clientSecretEncrypted: unreadable } });
    expect(await runDueChecks(fx.db, { now: await due(), fetch: fx.fetch })).toBe(1);
    expect(await events()).toEqual(["connection.check_could_not_run", "connection.check_could_not_run"]);
  });
});
