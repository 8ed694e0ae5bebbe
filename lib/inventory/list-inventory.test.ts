import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { listInventoryRows, countInventory, countInventoryMatches } = await import("@/lib/inventory/list-inventory");
const { INVENTORY_CSV } = await import("@/lib/inventory/format-inventory-csv");
const { parseInventorySearchParams } = await import("@/lib/schemas/inventory-filter");

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-06-30T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const CIPHERTEXT = "v1.k1.ciphertext-that-must-stay-on-the-server";

function parseOk(params: Record<string, string>) {
  const parsed = parseInventorySearchParams(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filter;
}
async function rows(params: Record<string, string> = {}) {
  return listInventoryRows(parseOk(params), { skip: 0, take: 100, now });
}
const names = (list: { name: string }[]) => list.map((r) => r.name);

beforeAll(async () => {
  const alice = await prisma.user.create({ data: { email: "alice@example.test", passwordHash: "x", role: "ADMIN" } });
  const bob = await prisma.user.create({ data: { email: "bob@example.test", passwordHash: "x", role: "ADMIN" } });
  const base = { createdById: alice.id, updatedById: bob.id, status: "ACTIVE" };

  // healthy: tested yesterday, fresh secret, valid shared token with a refresh token.
  const healthy = await prisma.connection.create({
    data: {
      ...base,
      name: "Healthy",
      health: "HEALTHY",
      lastTestedAt: daysAgo(1),
      checkSchedule: "hourly",
      lastCheckAt: daysAgo(0.5),
      nextCheckAt: new Date(now.getTime() + 600_000),
      clientSecretEncrypted: CIPHERTEXT,
      clientSecretSetAt: daysAgo(10),
    },
  });
  const run = await prisma.testRun.create({
    data: { connectionId: healthy.id, grantType: "client_credentials", status: "SUCCESS", startedAt: daysAgo(1) },
  });
  await prisma.connection.update({ where: { id: healthy.id }, data: { lastTestRunId: run.id } });
  await prisma.tokenSet.create({
    data: {
      connectionId: healthy.id,
      ownerKey: "shared",
      accessTokenEncrypted: CIPHERTEXT,
      refreshTokenEncrypted: CIPHERTEXT,
      expiresAt: new Date(now.getTime() + DAY),
      refreshedAt: daysAgo(2),
    },
  });

  // failing: the provider refused a token request an API key triggered 3 days ago, secret 200 days
  // old, an expired cached client-credentials token (no alarm: the next request fetches one).
  const failing = await prisma.connection.create({
    data: {
      ...base,
      name: "Failing",
      health: "FAILING",
      healthProblem: JSON.stringify({
        source: "api",
        title: "Client authentication failed",
        code: "invalid_client",
        at: daysAgo(3).toISOString(),
        by: "API key nightly (hsk_abc123…)",
        owner: "shared",
      }),
      grantType: "client_credentials",
      lastTestedAt: daysAgo(40),
      clientSecretEncrypted: CIPHERTEXT,
      clientSecretSetAt: daysAgo(200),
    },
  });
  await prisma.tokenSet.create({
    data: { connectionId: failing.id, ownerKey: "shared", accessTokenEncrypted: CIPHERTEXT, expiresAt: daysAgo(3) },
  });

  // never tested, public client (no secret), per-user tokens of which one expired.
  // A draft is never checked, whatever its schedule says.
  const untested = await prisma.connection.create({
    data: { ...base, name: "Untested", status: "DRAFT", checkSchedule: "daily", nextCheckAt: daysAgo(-1) },
  });
  await prisma.tokenSet.create({
    data: {
      connectionId: untested.id,
      ownerKey: alice.id,
      userId: alice.id,
      accessTokenEncrypted: CIPHERTEXT,
      expiresAt: daysAgo(1),
    },
  });
  await prisma.tokenSet.create({
    data: {
      connectionId: untested.id,
      ownerKey: bob.id,
      userId: bob.id,
      accessTokenEncrypted: CIPHERTEXT,
      expiresAt: new Date(now.getTime() + 2 * DAY),
    },
  });
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("listInventoryRows", () => {
  it("summarises health, last test, tokens, secret age and who changed what", async () => {
    const [failing, healthy, untested] = await rows();
    expect(healthy).toMatchObject({
      name: "Healthy",
      status: "ACTIVE",
      health: "HEALTHY",
      lastTestStatus: "SUCCESS",
      checkSchedule: "hourly",
      lastCheckAt: daysAgo(0.5).toISOString(),
      nextCheckAt: new Date(now.getTime() + 600_000).toISOString(),
      clientSecretAgeDays: 10,
      createdBy: "alice@example.test",
      updatedBy: "bob@example.test",
      token: {
        count: 1,
        expiredCount: 0,
        refreshTokenPresent: true,
        validUntil: new Date(now.getTime() + DAY).toISOString(),
        lastRefreshedAt: daysAgo(2).toISOString(),
      },
    });
    expect(failing).toMatchObject({
      clientSecretAgeDays: 200,
      lastTestStatus: null,
      problem: {
        source: "api",
        title: "Client authentication failed",
        by: "API key nightly (hsk_abc123…)",
        at: daysAgo(3).toISOString(),
      },
      token: { count: 1, expiredCount: 1, refreshTokenPresent: false, lastRefreshedAt: null, fetchedOnDemand: true },
    });
    expect(healthy!.problem).toBeNull();
    expect(healthy!.token.fetchedOnDemand).toBe(false);
    expect(untested).toMatchObject({
      status: "DRAFT",
      lastTestedAt: null,
      checkSchedule: "off",
      lastCheckAt: null,
      nextCheckAt: null,
      clientSecretAgeDays: null,
      token: { count: 2, expiredCount: 1 },
    });
  });

  it("never carries ciphertext", async () => {
    expect(JSON.stringify(await rows())).not.toContain(CIPHERTEXT);
  });

  it("filters the stale, the failing, old secrets and expired tokens", async () => {
    // "Untested" is a draft: it cannot be tested yet, so it is not counted as untested.
    expect(names(await rows({ stale: "1" }))).toEqual(["Failing"]);
    expect(names(await rows({ failing: "1" }))).toEqual(["Failing"]);
    expect(names(await rows({ secretOlderThan: "90" }))).toEqual(["Failing"]);
    expect(names(await rows({ secretOlderThan: "5" }))).toEqual(["Failing", "Healthy"]);
    // An expired cached client-credentials token is no expired token to chase.
    expect(names(await rows({ tokenExpired: "1" }))).toEqual(["Untested"]);
    expect(names(await rows({ tokenExpired: "1", stale: "1", failing: "1" }))).toEqual([]);
    expect(names(await rows({ q: "heal" }))).toEqual(["Healthy"]);
  });

  it("sorts by secret age, last test and last change", async () => {
    expect(names(await rows({ sort: "secret_age" }))).toEqual(["Failing", "Healthy", "Untested"]);
    expect(names(await rows({ sort: "last_tested" }))).toEqual(["Untested", "Failing", "Healthy"]);
    await prisma.connection.update({ where: { name: "Failing" }, data: { description: "touched" } });
    expect(names(await rows({ sort: "last_changed" }))[0]).toBe("Failing");
  });

  it("counts the headline numbers", async () => {
    expect(await countInventory(now, 90)).toEqual({ total: 3, stale: 1, failing: 1, oldSecrets: 1, expiredTokens: 1 });
  });

  it("counts a connection with several expired token sets once", async () => {
    const { id } = await prisma.connection.findUniqueOrThrow({ where: { name: "Untested" } });
    const extra = { connectionId: id, ownerKey: "carol", accessTokenEncrypted: CIPHERTEXT, expiresAt: daysAgo(2) };
    await prisma.tokenSet.create({ data: extra });
    expect((await countInventory(now, 90)).expiredTokens).toBe(1);
    await prisma.tokenSet.deleteMany({ where: { ownerKey: "carol" } });
  });

  it("writes one CSV record per connection", async () => {
    const list = await rows();
    expect(INVENTORY_CSV.headerLine()).toBe(`${INVENTORY_CSV.headers.join(",")}\r\n`);
    expect(INVENTORY_CSV.line(list[1]!)).toMatch(/^Healthy,[^,]+,custom,authorization_code_pkce,ACTIVE,true,HEALTHY,/);
    expect(INVENTORY_CSV.headers.slice(-3)).toEqual(["problem", "problem_at", "problem_trigger"]);
    expect(INVENTORY_CSV.line(list[1]!)).toContain(
      `,SUCCESS,hourly,${daysAgo(0.5).toISOString()},${new Date(now.getTime() + 600_000).toISOString()},`,
    );
    expect(INVENTORY_CSV.line(list[0]!)).toContain(
      `,Client authentication failed,${daysAgo(3).toISOString()},"Token API refresh, API key nightly (hsk_abc123…)"\r\n`,
    );
  });

  it("filters secrets expiring within N days (expired ones too), soonest first, and exports the dates", async () => {
    const expiry = { Failing: "2026-06-28", Untested: "2026-07-05", Healthy: "2026-08-29" };
    for (const [name, date] of Object.entries(expiry))
      await prisma.connection.update({
        where: { name },
        data: { clientSecretExpiresAt: new Date(`${date}T00:00:00Z`) },
      });
    expect(names(await rows({ expiresWithin: "30" }))).toEqual(["Failing", "Untested"]);
    // Whole UTC days: the 5th of July is 5 days from the 30th of June, whatever the hour.
    expect(names(await rows({ expiresWithin: "5" }))).toEqual(["Failing", "Untested"]);
    expect(names(await rows({ expiresWithin: "4" }))).toEqual(["Failing"]);
    expect(names(await rows({ expiresWithin: "90" }))).toEqual(["Failing", "Untested", "Healthy"]);
    expect(names(await rows({ expiresWithin: "90", sort: "name" }))).toEqual(["Failing", "Healthy", "Untested"]);
    await prisma.connection.update({ where: { name: "Healthy" }, data: { clientSecretExpiresAt: null } });
    const list = await rows({ sort: "secret_expiry" });
    expect(names(list)).toEqual(["Failing", "Untested", "Healthy"]);
    expect(list.map((r) => [r.clientSecretExpiresOn, r.clientSecretExpiresInDays])).toEqual([
      ["2026-06-28", -2],
      ["2026-07-05", 5],
      [null, null],
    ]);
    const header = INVENTORY_CSV.headers;
    const cells = INVENTORY_CSV.line(list[1]!).trimEnd().split(",");
    expect(cells[header.indexOf("client_secret_expires_on")]).toBe("2026-07-05");
    expect(cells[header.indexOf("client_secret_expires_in_days")]).toBe("5");
  });

  it("covers certificates too: either expiry matches the filter, the earlier one orders and shows", async () => {
    // A certificate's notAfter is any time of its day; the secret of Untested expires on 2026-07-05.
    await prisma.connection.update({
      where: { name: "Healthy" },
      data: { clientSecretExpiresAt: null, clientCertificateExpiresAt: new Date("2026-07-02T18:30:00Z") },
    });
    await prisma.connection.update({
      where: { name: "Untested" },
      data: { clientCertificateExpiresAt: new Date("2026-09-01T09:00:00Z") },
    });
    expect(names(await rows({ expiresWithin: "1" }))).toEqual(["Failing"]);
    expect(names(await rows({ expiresWithin: "2" }))).toEqual(["Failing", "Healthy"]);
    expect(names(await rows({ expiresWithin: "5" }))).toEqual(["Failing", "Healthy", "Untested"]);
    // Counted once, whichever or both of its dates match, with another filter too.
    expect(await countInventoryMatches(parseOk({ expiresWithin: "90" }), now)).toBe(3);
    expect(await countInventoryMatches(parseOk({ expiresWithin: "90", stale: "1" }), now)).toBe(1);
    const list = await rows({ sort: "secret_expiry" });
    expect(list.map((r) => [r.name, r.expiry])).toEqual([
      ["Failing", { credential: "secret", expiresOn: "2026-06-28", inDays: -2 }],
      ["Healthy", { credential: "certificate", expiresOn: "2026-07-02", inDays: 2 }],
      ["Untested", { credential: "secret", expiresOn: "2026-07-05", inDays: 5 }],
    ]);
    // The database keeps the earlier date (a generated column), so the order follows each update.
    // Pages continue across the dated rows into the undated ones, by name.
    await prisma.connection.update({ where: { name: "Failing" }, data: { clientSecretExpiresAt: null } });
    const page = async (skip: number, take: number) =>
      names(await listInventoryRows(parseOk({ sort: "secret_expiry" }), { skip, take, now }));
    expect(await page(0, 1)).toEqual(["Healthy"]);
    expect(await page(1, 2)).toEqual(["Untested", "Failing"]);
    expect(await page(2, 5)).toEqual(["Failing"]);
    const header = INVENTORY_CSV.headers;
    const cells = INVENTORY_CSV.line(list[2]!).trimEnd().split(",");
    expect(cells[header.indexOf("client_secret_expires_on")]).toBe("2026-07-05");
    expect(cells[header.indexOf("client_certificate_expires_on")]).toBe("2026-09-01");
    expect(cells[header.indexOf("client_certificate_expires_in_days")]).toBe("63");
  });
});

describe("parseInventorySearchParams", () => {
  it("explains a bad secret age, sort or page", () => {
    expect(parseInventorySearchParams({ secretOlderThan: "ninety" })).toMatchObject({
      ok: false,
      fieldErrors: { secretOlderThan: "Enter a whole number of days, such as 90." },
    });
    expect(parseInventorySearchParams({ secretOlderThan: "-1" }).ok).toBe(false);
    expect(parseInventorySearchParams({ sort: "drop table" })).toMatchObject({
      ok: false,
      fieldErrors: { sort: '"drop table" is not a sort order. Choose one from the list.' },
    });
    expect(parseInventorySearchParams({ expiresWithin: "soon" })).toMatchObject({
      ok: false,
      fieldErrors: { expiresWithin: "Enter a whole number of days, such as 30." },
    });
    expect(parseInventorySearchParams({ page: "0" }).ok).toBe(false);
    expect(parseInventorySearchParams({ page: "x" }).ok).toBe(false);
  });

  it("reads checkboxes as on or off", () => {
    expect(parseInventorySearchParams({ stale: "1", failing: "on", tokenExpired: "" })).toMatchObject({
      ok: true,
      filter: { stale: true, failing: true, tokenExpired: false, sort: "name", page: 1 },
    });
  });
});
