import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { listConnections, parseConnectionListQuery } = await import("@/lib/connections/list-connections");

beforeAll(async () => {
  for (const name of ["Acme Salesforce", "ACME Okta", "acme-graph", "Contoso"])
    await prisma.connection.create({ data: { name } });
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
