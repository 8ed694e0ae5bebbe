import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { connectionListHref, listConnections, parseConnectionListQuery } =
  await import("@/lib/connections/list-connections");

beforeAll(async () => {
  for (const name of ["Acme Salesforce", "ACME Okta", "acme-graph", "Contoso"])
    await prisma.connection.create({ data: { name, status: name === "Contoso" ? "ACTIVE" : "DRAFT" } });
});
afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("listConnections name search", () => {
  it("ignores letter case the same way on SQLite and PostgreSQL", async () => {
    for (const q of ["acme", "ACME", "aCmE"]) {
      const page = await listConnections(parseConnectionListQuery({ q, sort: "name:asc" }));
      expect(page.rows.map((r) => r.name).sort()).toEqual(["ACME Okta", "Acme Salesforce", "acme-graph"]);
    }
  });
});

describe("listConnections pages", () => {
  it("answers a page past the end (an old link) with the last page", async () => {
    const page = await listConnections(parseConnectionListQuery({ page: "9", sort: "name:asc" }), 3);
    expect(page).toMatchObject({ page: 2, pageCount: 2, total: 4 });
    const lastPage = await listConnections(parseConnectionListQuery({ page: "2", sort: "name:asc" }), 3);
    expect(page.rows).toHaveLength(1);
    expect(page.rows).toEqual(lastPage.rows);
  });
});

describe("listConnections filters", () => {
  it("filters by status and sorts by name in the database", async () => {
    const drafts = await listConnections(parseConnectionListQuery({ status: "draft" }));
    expect(drafts.rows.map((r) => r.name).sort()).toEqual(["ACME Okta", "Acme Salesforce", "acme-graph"]);
    const sorted = await listConnections(parseConnectionListQuery({ sort: "name" }), 100);
    expect(sorted.rows.map((r) => r.name)).toEqual([...sorted.rows.map((r) => r.name)].sort());
  });
});

describe("list query URLs", () => {
  it("falls back to defaults for nonsense query values", () => {
    expect(
      parseConnectionListQuery({ sort: "drop table", status: "x", grant: "password", page: "-3", provider: "evil" }),
    ).toEqual({
      sort: "updated",
      page: 1,
      q: undefined,
      grant: undefined,
      provider: undefined,
      status: undefined,
      dir: undefined,
    });
  });

  it("reads the combined sort value and writes it back", () => {
    const query = parseConnectionListQuery({ sort: "name:desc", q: "pay", page: "2" });
    expect(query).toMatchObject({ sort: "name", dir: "desc", q: "pay", page: 2 });
    expect(connectionListHref(query, 3)).toBe("/connections?q=pay&sort=name%3Adesc&page=3");
    expect(connectionListHref(parseConnectionListQuery({}), 1)).toBe("/connections");
  });
});

describe("listConnections expiry badge", () => {
  it("names the secret or certificate that expires first, from the columns alone", async () => {
    const day = 86_400_000;
    const soon = new Date(Date.now() + 3 * day);
    const later = new Date(Date.now() + 20 * day);
    await prisma.connection.update({
      where: { name: "Contoso" },
      data: { clientSecretExpiresAt: later, clientCertificateExpiresAt: soon },
    });
    await prisma.connection.update({ where: { name: "ACME Okta" }, data: { clientSecretExpiresAt: soon } });
    const page = await listConnections(parseConnectionListQuery({ sort: "name:asc" }));
    expect(Object.fromEntries(page.rows.map((r) => [r.name, r.expiry]))).toEqual({
      "ACME Okta": { credential: "secret", inDays: 3 },
      "Acme Salesforce": null,
      "acme-graph": null,
      Contoso: { credential: "certificate", inDays: 3 },
    });
  });
});
