/**
 * The connection data layer against a real SQLite database built from the migrations: audit
 * events in the same transaction, secrets sealed and never in audit details, version conflicts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "@/lib/testing/test-database";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { ApplicationError } from "@/lib/errors/application-error";
import {
  activateConnection,
  addConnectionScope,
  rotateClientSecret,
  saveConnectionDraft,
  updateConnection,
} from "@/lib/connections/manage-connections";
import { deleteConnection, duplicateConnection, setConnectionEnabled } from "@/lib/connections/connection-lifecycle";
import { ConnectionConflictError } from "@/lib/connections/connection-writes";
import {
  createConnectionSchemas,
  EMPTY_CONNECTION_VALUES,
  type ConnectionFormValues,
  type ConnectionInput,
} from "@/lib/schemas/connection";
import { decryptSecret } from "@/lib/crypto/secret-box";

let cleanup: () => void;
let db: PrismaClient;
let actor: AuditActor;

const values: ConnectionFormValues = {
  ...EMPTY_CONNECTION_VALUES,
  name: "Ledger",
  grantType: "authorization_code",
  authorizationUrl: "https://id.example.com/authorize",
  tokenUrl: "https://id.example.com/token",
  clientId: "ledger-client",
  clientSecret: "ledger-secret-0042",
  scopes: ["openid"],
};

function parse(v: ConnectionFormValues, hasStoredSecret = false): ConnectionInput {
  return createConnectionSchemas({ allowHttp: false, hasStoredSecret }).full.parse(v);
}

async function createActive(name: string, secret = "initial-secret-9999") {
  const draft = await saveConnectionDraft(actor, { reachedStep: 1, input: { name } });
  return activateConnection(actor, {
    connectionId: draft.id,
    version: draft.version,
    input: parse({ ...values, name, clientSecret: secret }),
  });
}

beforeAll(async () => {
  cleanup = createTestDatabase().cleanup;
  db = (await import("@/lib/db/prisma")).prisma;
  const admin = await db.user.create({ data: { email: "admin@dal.test", passwordHash: "x", role: "ADMIN" } });
  actor = { id: admin.id, email: admin.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" };
});

afterAll(async () => {
  await db.$disconnect();
  cleanup();
});

describe("drafts and activation", () => {
  it("creates a draft with an audit event, then saves steps and activates it", async () => {
    const draft = await saveConnectionDraft(actor, {
      reachedStep: 1,
      input: { name: "Ledger", providerType: "custom", providerParams: {}, description: null },
    });
    const created = await db.auditEvent.findFirst({ where: { connectionId: draft.id, action: "connection.created" } });
    expect(JSON.parse(created!.details)).toMatchObject({
      status: "DRAFT",
      diff: { name: { from: null, to: "Ledger" } },
    });

    const input = parse(values);
    const withSecret = await saveConnectionDraft(actor, {
      draftId: draft.id,
      version: draft.version,
      reachedStep: 4,
      input,
    });
    expect(withSecret).toMatchObject({ hasClientSecret: true, clientSecretLast4: "0042", version: draft.version + 1 });

    const row = await db.connection.findUniqueOrThrow({ where: { id: draft.id } });
    expect(row.clientSecretEncrypted).not.toContain("ledger-secret");
    expect(decryptSecret(row.clientSecretEncrypted!, { recordId: row.id, field: "clientSecret" })).toBe(
      "ledger-secret-0042",
    );
    expect(row.draftStep).toBe(4);

    const active = await activateConnection(actor, {
      connectionId: draft.id,
      version: withSecret.version,
      input: parse({ ...values, clientSecret: "" }, true),
    });
    const after = await db.connection.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after).toMatchObject({
      status: "ACTIVE",
      health: "NOT_TESTED",
      version: active.version,
      clientSecretEncrypted: row.clientSecretEncrypted,
    });

    const events = await db.auditEvent.findMany({ where: { connectionId: draft.id }, orderBy: { seq: "asc" } });
    // One event for the draft, one for its activation: the step saves in between are not one event each.
    expect(events.map((e) => e.action)).toEqual(["connection.created", "connection.updated"]);
    expect(JSON.parse(events[1]!.details)).toMatchObject({
      activated: true,
      diff: {
        status: { from: "DRAFT", to: "ACTIVE" },
        name: { from: null, to: "Ledger" },
        clientSecret: { changed: true, secret: true },
      },
    });
    for (const e of events) expect(e.details).not.toContain("ledger-secret");
  });

  it("refuses a taken name as a field error", async () => {
    await expect(saveConnectionDraft(actor, { reachedStep: 1, input: { name: "Ledger" } })).rejects.toMatchObject({
      name: "ApplicationError",
      field: "name",
    });
  });

  it("refuses a name that differs from a taken one only in case", async () => {
    await expect(saveConnectionDraft(actor, { reachedStep: 1, input: { name: "LEDGER" } })).rejects.toMatchObject({
      name: "ApplicationError",
      field: "name",
    });
  });

  it("refuses to activate without a secret for a confidential client", async () => {
    const draft = await saveConnectionDraft(actor, { reachedStep: 1, input: { name: "No secret" } });
    const input = parse({ ...values, name: "No secret", clientSecret: "" }, true);
    await expect(
      activateConnection(actor, { connectionId: draft.id, version: draft.version, input }),
    ).rejects.toBeInstanceOf(ApplicationError);
    expect((await db.connection.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
  });
});

describe("updates", () => {
  it("drops a stored secret when the token endpoint moves to another origin or the issuer changes", async () => {
    const saved = await createActive("Moved");
    expect((await db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientSecretOrigin).toBe(
      "https://id.example.com",
    );
    const moved = updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parse(
        { ...values, name: "Moved", tokenUrl: "https://collector.example.net/token", clientSecret: "" },
        true,
      ),
    });
    await expect(moved).rejects.toMatchObject({
      field: "clientSecret",
      message: expect.stringContaining(
        "The token endpoint moved from https://id.example.com to https://collector.example.net: enter the client secret again",
      ),
    });
    const issuerChanged = updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parse({ ...values, name: "Moved", issuer: "https://other-issuer.example.org", clientSecret: "" }, true),
    });
    await expect(issuerChanged).rejects.toThrow(/The issuer changed from none to https:\/\/other-issuer\.example\.org/);
    const unchanged = await db.connection.findUniqueOrThrow({ where: { id: saved.id } });
    expect(unchanged.tokenUrl).toBe("https://id.example.com/token");
    expect(unchanged.clientSecretEncrypted).not.toBeNull();

    const retyped = await updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parse(
        {
          ...values,
          name: "Moved",
          tokenUrl: "https://collector.example.net/token",
          clientSecret: "typed-again-for-the-new-host",
        },
        true,
      ),
    });
    expect(retyped.hasClientSecret).toBe(true);
    expect((await db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientSecretOrigin).toBe(
      "https://collector.example.net",
    );
  });

  it("records a field-level diff and refuses a stale version", async () => {
    const saved = await createActive("Payroll");
    const first = await updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parse({ ...values, name: "Payroll", tokenUrl: "https://id.example.com/v2/token", clientSecret: "" }, true),
    });
    expect(first.changed).toBe(true);
    const event = await db.auditEvent.findFirst({
      where: { connectionId: saved.id, action: "connection.updated" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(event!.details).diff).toEqual({
      tokenUrl: { from: "https://id.example.com/token", to: "https://id.example.com/v2/token" },
    });

    const stale = updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parse({ ...values, name: "Payroll", clientId: "someone-else", clientSecret: "" }, true),
    });
    await expect(stale).rejects.toBeInstanceOf(ConnectionConflictError);
    await expect(stale).rejects.toThrow(/admin@dal\.test changed this connection at .* your edits are kept/);
    expect((await db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientId).toBe("ledger-client");
  });

  it("does not write or audit when nothing changed", async () => {
    const saved = await createActive("Quiet");
    const before = await db.auditEvent.count();
    const result = await updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parse({ ...values, name: "Quiet", clientSecret: "" }, true),
    });
    expect(result).toMatchObject({ changed: false, version: saved.version });
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("rotates the secret with a secret-only diff", async () => {
    const saved = await createActive("Rotating", "old-secret-aaaa");
    const rotated = await rotateClientSecret(actor, { connectionId: saved.id, secret: "new-secret-bbbb" });
    expect(rotated.clientSecretLast4).toBe("bbbb");
    const event = await db.auditEvent.findFirst({
      where: { connectionId: saved.id, action: "connection.secret_rotated" },
    });
    expect(JSON.parse(event!.details)).toEqual({ diff: { clientSecret: { changed: true, secret: true } } });
  });
});

describe("one-click fixes", () => {
  it("adds exactly one scope, audited as an update of the scopes only, and refuses a stale version", async () => {
    const { id } = await createActive("Scope fix");
    const before = await db.connection.findUniqueOrThrow({ where: { id } });
    const saved = await addConnectionScope(actor, {
      connectionId: id,
      version: before.version,
      scope: "offline_access",
    });
    expect(saved.changed).toBe(true);
    const after = await db.connection.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(after.scopes)).toEqual([...JSON.parse(before.scopes), "offline_access"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { connectionId: id }, orderBy: { seq: "desc" } });
    expect(event.action).toBe("connection.updated");
    expect(Object.keys(JSON.parse(event.details).diff)).toEqual(["scopes"]);
    await expect(
      addConnectionScope(actor, { connectionId: id, version: before.version, scope: "email" }),
    ).rejects.toMatchObject({ name: "ConnectionConflictError" });
  });
});

describe("duplicate, disable, delete", () => {
  it("duplicates everything but the secret into a draft", async () => {
    const saved = await createActive("Source");
    const copy = await duplicateConnection(actor, saved.id);
    const again = await duplicateConnection(actor, saved.id);
    expect([copy.name, again.name]).toEqual(["Source (copy)", "Source (copy 2)"]);
    const row = await db.connection.findUniqueOrThrow({ where: { id: copy.id } });
    expect(row).toMatchObject({
      status: "DRAFT",
      clientId: "ledger-client",
      tokenUrl: "https://id.example.com/token",
      clientSecretEncrypted: null,
      draftStep: 3,
    });
    const event = await db.auditEvent.findFirst({ where: { connectionId: copy.id, action: "connection.duplicated" } });
    expect(JSON.parse(event!.details).source).toEqual({ id: saved.id, name: "Source" });
  });

  it("disables and enables with audit events", async () => {
    const saved = await createActive("Toggle");
    await setConnectionEnabled(actor, saved.id, false);
    await setConnectionEnabled(actor, saved.id, false);
    await setConnectionEnabled(actor, saved.id, true);
    const actions = (await db.auditEvent.findMany({ where: { connectionId: saved.id }, orderBy: { seq: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions.slice(-2)).toEqual(["connection.disabled", "connection.enabled"]);
  });

  it("deletes only when the name is typed exactly", async () => {
    const saved = await createActive("Doomed");
    await expect(deleteConnection(actor, { connectionId: saved.id, confirmName: "doomed" })).rejects.toMatchObject({
      field: "confirmName",
    });
    await deleteConnection(actor, { connectionId: saved.id, confirmName: "Doomed" });
    expect(await db.connection.findUnique({ where: { id: saved.id } })).toBeNull();
    expect(
      await db.auditEvent.findFirst({ where: { connectionId: saved.id, action: "connection.deleted" } }),
    ).not.toBeNull();
  });
});
