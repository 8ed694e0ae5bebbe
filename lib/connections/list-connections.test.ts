import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { listConnections, parseConnectionListQuery } = await import("@/lib/connections/list-connections");

beforeAll(async () => {
  for (const name of ["Acme Salesforce", "ACME Okta", "acme-graph", "Contoso"]) await prisma.connection.create({ data: { name } });
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
