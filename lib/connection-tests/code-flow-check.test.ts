/**
 * Scheduled checks of authorization-code connections against the real oidc-provider and a real
 * database: a stored token set that is due is refreshed (the token API's refresh, audited), no
 * login test is recorded, and an unreachable discovery document (or key set) turns the connection Failing with
 * one "failing" notification however often the check repeats, then one "recovered".
 */
import { describe, expect, it } from "vitest";
import { startTokenApiFixturePerFile } from "@/lib/testing/token-api-fixture-per-file";

const f = startTokenApiFixturePerFile();

/** Schedules this connection's check daily, and only this one's, so the counts below are its own. */
async function scheduleDaily(connectionId: string, health: string) {
  await f.db.connection.updateMany({ where: { id: { not: connectionId } }, data: { checkSchedule: "off" } });
  await f.db.connection.update({
    where: { id: connectionId },
    data: { checkSchedule: "daily", health, lastTestedAt: health === "HEALTHY" ? new Date() : null },
  });
}

/** Places the connection's check, then runs it when due; returns when it ran. */
async function runPlacedCheck(connectionId: string): Promise<Date> {
  const { runDueChecks } = await import("@/lib/connection-tests/scheduled-checks");
  await runDueChecks(f.db, { now: new Date() });
  const { nextCheckAt } = await f.db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  expect(await runDueChecks(f.db, { now: nextCheckAt! })).toBe(1);
  return nextCheckAt!;
}

async function healthEvents(connectionId: string) {
  const events = await f.db.notificationEvent.findMany({ where: { connectionId }, orderBy: { createdAt: "asc" } });
  return events.map((e) => e.type);
}

describe("scheduled check of a code-flow connection", () => {
  it("refreshes a stored token set that is due, records no login test, and stays Healthy", async () => {
    const connection = await f.createConnection({ name: "code check refresh" });
    // Obtained an hour ago, expiring within the five-minute margin: due.
    const set = await f.authorize(connection.id, {
      obtainedAt: new Date(Date.now() - 3_600_000),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const notDueConnection = await f.createConnection({ name: "code check not due" });
    const notDue = await f.authorize(notDueConnection.id, { expiresAt: new Date(Date.now() + 3_600_000) });
    await scheduleDaily(connection.id, "HEALTHY");

    const ranAt = await runPlacedCheck(connection.id);

    const refreshed = await f.storedSecrets(set.tokenSetId);
    expect(refreshed.set.refreshCount).toBe(1);
    expect(refreshed.accessToken).not.toBe(set.accessToken);
    const audit = await f.db.auditEvent.findFirstOrThrow({
      where: { connectionId: connection.id, action: "token.refreshed" },
    });
    expect(audit.actorEmail).toBe("scheduled check");
    const after = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after).toMatchObject({ health: "HEALTHY", checkFailures: 0, lastCheckAt: ranAt, healthProblem: null });
    expect(await f.db.testRun.count({ where: { connectionId: connection.id } })).toBe(0);

    await scheduleDaily(notDueConnection.id, "HEALTHY");
    await runPlacedCheck(notDueConnection.id);
    expect((await f.storedSecrets(notDue.tokenSetId)).set.refreshCount).toBe(0);
  });

  it("turns Failing once when discovery is unreachable, and recovers once when it answers again", async () => {
    const { runDueChecks } = await import("@/lib/connection-tests/scheduled-checks");
    const connection = await f.createConnection({ name: "code check discovery" });
    await scheduleDaily(connection.id, "HEALTHY");
    // No discovery document there: both well-known URLs answer 404.
    await f.db.connection.update({ where: { id: connection.id }, data: { issuer: `${f.provider.issuer}/missing` } });

    await runPlacedCheck(connection.id);
    const failing = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(failing).toMatchObject({ health: "FAILING", checkFailures: 1 });
    expect(JSON.parse(failing.healthProblem!)).toMatchObject({ source: "check", code: "discovery_not_found" });
    expect(await healthEvents(connection.id)).toEqual(["connection.failing"]);

    // Failing again at the next (backed-off) check: no second notification.
    expect(await runDueChecks(f.db, { now: failing.nextCheckAt! })).toBe(1);
    const still = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(still.checkFailures).toBe(2);
    expect(await healthEvents(connection.id)).toEqual(["connection.failing"]);

    await f.db.connection.update({ where: { id: connection.id }, data: { issuer: f.provider.issuer } });
    expect(await runDueChecks(f.db, { now: still.nextCheckAt! })).toBe(1);
    const recovered = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(recovered).toMatchObject({ health: "HEALTHY", checkFailures: 0, healthProblem: null });
    expect(await healthEvents(connection.id)).toEqual(["connection.failing", "connection.recovered"]);
    expect(await f.db.testRun.count({ where: { connectionId: connection.id } })).toBe(0);
  });

  it("fails when the key set does not answer with keys, without a login test", async () => {
    const connection = await f.createConnection({ name: "code check jwks" });
    await scheduleDaily(connection.id, "HEALTHY");
    await f.db.connection.update({
      where: { id: connection.id },
      data: { jwksUrl: `${f.provider.issuer}/no-keys-here` },
    });

    await runPlacedCheck(connection.id);
    const failing = await f.db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(failing.health).toBe("FAILING");
    expect(JSON.parse(failing.healthProblem!)).toMatchObject({ source: "check", code: "jwks_unreachable" });
    expect(await healthEvents(connection.id)).toEqual(["connection.failing"]);
    expect(await f.db.testRun.count({ where: { connectionId: connection.id } })).toBe(0);
  });
});
