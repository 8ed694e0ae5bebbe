/**
 * The connection data layer against a real SQLite database built from the migrations: audit
 * events in the same transaction, secrets sealed and never in audit details, version conflicts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplicationError } from "@/lib/errors/application-error";
import {
  activateConnection,
  addConnectionScope,
  rotateClientSecret,
  saveConnectionDraft,
  updateConnection,
} from "@/lib/connections/manage-connections";
import { ConnectionConflictError } from "@/lib/connections/connection-writes";
import {
  LEDGER_VALUES,
  parseConnection,
  startConnectionDataFixture,
  type ConnectionDataFixture,
} from "@/lib/testing/connection-data-fixture";
import { decryptSecret } from "@/lib/crypto/secret-box";

let f: ConnectionDataFixture;
let db: ConnectionDataFixture["db"];
let actor: ConnectionDataFixture["actor"];

beforeAll(async () => {
  f = await startConnectionDataFixture("admin@dal.test");
  ({ db, actor } = f);
});

afterAll(() => f?.close());

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

    const input = parseConnection(LEDGER_VALUES);
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
      input: parseConnection({ ...LEDGER_VALUES, clientSecret: "" }, true),
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
    const input = parseConnection({ ...LEDGER_VALUES, name: "No secret", clientSecret: "" }, true);
    await expect(
      activateConnection(actor, { connectionId: draft.id, version: draft.version, input }),
    ).rejects.toBeInstanceOf(ApplicationError);
    expect((await db.connection.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
  });
});

describe("updates", () => {
  it("drops a stored secret when the token endpoint moves to another origin or the issuer changes", async () => {
    const saved = await f.createActive("Moved");
    expect((await db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientSecretOrigin).toBe(
      "https://id.example.com",
    );
    const moved = updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parseConnection(
        { ...LEDGER_VALUES, name: "Moved", tokenUrl: "https://collector.example.net/token", clientSecret: "" },
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
      input: parseConnection(
        { ...LEDGER_VALUES, name: "Moved", issuer: "https://other-issuer.example.org", clientSecret: "" },
        true,
      ),
    });
    await expect(issuerChanged).rejects.toThrow(/The issuer changed from none to https:\/\/other-issuer\.example\.org/);
    const unchanged = await db.connection.findUniqueOrThrow({ where: { id: saved.id } });
    expect(unchanged.tokenUrl).toBe("https://id.example.com/token");
    expect(unchanged.clientSecretEncrypted).not.toBeNull();

    const retyped = await updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parseConnection(
        {
          ...LEDGER_VALUES,
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
    const saved = await f.createActive("Payroll");
    const first = await updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parseConnection(
        { ...LEDGER_VALUES, name: "Payroll", tokenUrl: "https://id.example.com/v2/token", clientSecret: "" },
        true,
      ),
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
      input: parseConnection({ ...LEDGER_VALUES, name: "Payroll", clientId: "someone-else", clientSecret: "" }, true),
    });
    await expect(stale).rejects.toBeInstanceOf(ConnectionConflictError);
    await expect(stale).rejects.toThrow(/admin@dal\.test changed this connection at .* your edits are kept/);
    expect((await db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientId).toBe("ledger-client");
  });

  it("does not write or audit when nothing changed", async () => {
    const saved = await f.createActive("Quiet");
    const before = await db.auditEvent.count();
    const result = await updateConnection(actor, {
      connectionId: saved.id,
      version: saved.version,
      input: parseConnection({ ...LEDGER_VALUES, name: "Quiet", clientSecret: "" }, true),
    });
    expect(result).toMatchObject({ changed: false, version: saved.version });
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("rotates the secret with a secret-only diff", async () => {
    const saved = await f.createActive("Rotating", "old-secret-aaaa");
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
    const { id } = await f.createActive("Scope fix");
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
