import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-database";

const temp = createTestDatabase();
const { prisma } = await import("@/lib/db/prisma");
const { authMethodSwitchFor, switchClientAuthMethod } = await import("@/lib/connections/switch-auth-method");

const actor = { id: null, email: "admin@example.test", role: "ADMIN", ip: null, userAgent: null };
const refused = { code: "invalid_client", details: { try: "client_secret_post" } };

afterAll(async () => {
  await prisma.$disconnect();
  temp.cleanup();
});

describe("authMethodSwitchFor", () => {
  it("offers the other method when the diagnosis names it and nothing tried it yet", () => {
    expect(authMethodSwitchFor(refused, "client_secret_basic")).toBe("client_secret_post");
    expect(authMethodSwitchFor({ code: "invalid_client", details: { try: "client_secret_basic" } }, "client_secret_post")).toBe("client_secret_basic");
  });

  it("offers nothing for another error, a public client, a probe finding or probes that tried it", () => {
    expect(authMethodSwitchFor({ ...refused, code: "invalid_grant" }, "client_secret_basic")).toBeNull();
    expect(authMethodSwitchFor(refused, "none")).toBeNull();
    expect(authMethodSwitchFor({ ...refused, suggestion: { action: "use client_secret_post", connectionVersion: 1, change: {} } }, "client_secret_basic")).toBeNull();
    expect(authMethodSwitchFor({ ...refused, probes: [{ label: "with client_secret_post", outcome: "403" }] } as never, "client_secret_basic")).toBeNull();
    expect(authMethodSwitchFor(null, "client_secret_basic")).toBeNull();
  });
});

describe("switchClientAuthMethod", () => {
  it("changes only the method, audited, and refuses a stale version", async () => {
    const row = await prisma.connection.create({ data: { name: "Switch me", nameKey: "switch me", status: "ACTIVE", clientAuthMethod: "client_secret_basic" } });
    const result = await switchClientAuthMethod(actor, { connectionId: row.id, version: row.version, method: "client_secret_post" });
    expect(result).toEqual({ version: row.version + 1, changed: true });
    const after = await prisma.connection.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.clientAuthMethod).toBe("client_secret_post");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { connectionId: row.id, action: "connection.updated" } });
    expect(JSON.parse(event.details)).toEqual({ diff: { clientAuthMethod: { from: "client_secret_basic", to: "client_secret_post" } }, fix: "switch_client_auth_method" });
    await expect(switchClientAuthMethod(actor, { connectionId: row.id, version: row.version, method: "client_secret_basic" })).rejects.toMatchObject({ name: "ConnectionConflictError" });
  });
});
