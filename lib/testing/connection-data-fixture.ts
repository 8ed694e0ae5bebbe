/**
 * The connection data layer's test setting: a migrated database with one admin as the audit actor,
 * a code-flow connection's values and the way to an active connection (for lib/connections tests).
 */
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { PrismaClient } from "@/lib/db/generated/client";
import { activateConnection, saveConnectionDraft } from "@/lib/connections/manage-connections";
import {
  createConnectionSchemas,
  EMPTY_CONNECTION_VALUES,
  type ConnectionFormValues,
  type ConnectionInput,
} from "@/lib/schemas/connection";
import { createTestDatabase } from "@/lib/testing/test-database";

export const LEDGER_VALUES: ConnectionFormValues = {
  ...EMPTY_CONNECTION_VALUES,
  name: "Ledger",
  grantType: "authorization_code",
  authorizationUrl: "https://id.example.com/authorize",
  tokenUrl: "https://id.example.com/token",
  clientId: "ledger-client",
  clientSecret: "ledger-secret-0042",
  scopes: ["openid"],
};

/** The wizard's full input, as the server action parses it. */
export function parseConnection(values: ConnectionFormValues, hasStoredSecret = false): ConnectionInput {
  return createConnectionSchemas({ allowHttp: false, hasStoredSecret }).full.parse(values);
}

export type ConnectionDataFixture = {
  db: PrismaClient;
  actor: AuditActor;
  /** A draft saved and activated with LEDGER_VALUES under this name and secret. */
  createActive: (name: string, secret?: string) => ReturnType<typeof activateConnection>;
  close: () => Promise<void>;
};

export async function startConnectionDataFixture(adminEmail: string): Promise<ConnectionDataFixture> {
  const { cleanup } = createTestDatabase();
  const db = (await import("@/lib/db/prisma")).prisma;
  const admin = await db.user.create({ data: { email: adminEmail, passwordHash: "x", role: "ADMIN" } });
  const actor: AuditActor = { id: admin.id, email: admin.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };
  return {
    db,
    actor,
    async createActive(name, secret = "initial-secret-9999") {
      const draft = await saveConnectionDraft(actor, { reachedStep: 1, input: { name } });
      return activateConnection(actor, {
        connectionId: draft.id,
        version: draft.version,
        input: parseConnection({ ...LEDGER_VALUES, name, clientSecret: secret }),
      });
    },
    async close() {
      await db.$disconnect();
      cleanup();
    },
  };
}
