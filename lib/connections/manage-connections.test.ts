/**
 * The connection data layer against a real SQLite database built from the migrations: audit
 * events in the same transaction, secrets sealed and never in audit details, version conflicts.
 */
import { describe, expect, it } from "vitest";
import { openConnectionDataSuite } from "@/lib/testing/connection-data-suite";
import { ApplicationError } from "@/lib/errors/application-error";
import {
  activateConnection,
  addConnectionScope,
  rotateClientSecret,
  saveConnectionDraft,
  updateConnection,
} from "@/lib/connections/manage-connections";
import { ConnectionConflictError } from "@/lib/connections/connection-writes";
import { LEDGER_VALUES, parseConnection } from "@/lib/testing/connection-data-fixture";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { ConnectionFormValues } from "@/lib/schemas/connection";

const f = openConnectionDataSuite("admin@dal.test");

describe("drafts and activation", () => {
  it("creates a draft with an audit event, then saves steps and activates it", async () => {
    const draft = await saveConnectionDraft(f.actor, {
      reachedStep: 1,
      input: { name: "Ledger", providerType: "custom", providerParams: {}, description: null },
    });
    const created = await f.db.auditEvent.findFirst({
      where: { connectionId: draft.id, action: "connection.created" },
    });
    expect(JSON.parse(created!.details)).toMatchObject({
      status: "DRAFT",
      diff: { name: { from: null, to: "Ledger" } },
    });

    const input = parseConnection(LEDGER_VALUES);
    const withSecret = await saveConnectionDraft(f.actor, {
      draftId: draft.id,
      version: draft.version,
      reachedStep: 4,
      input,
    });
    expect(withSecret).toMatchObject({ hasClientSecret: true, clientSecretLast4: "0042", version: draft.version + 1 });

    const row = await f.db.connection.findUniqueOrThrow({ where: { id: draft.id } });
    expect(row.clientSecretEncrypted).not.toContain("ledger-secret");
    expect(decryptSecret(row.clientSecretEncrypted!, { recordId: row.id, field: "clientSecret" })).toBe(
      "ledger-secret-0042",
    );
    expect(row.draftStep).toBe(4);

    const active = await activateConnection(f.actor, {
      connectionId: draft.id,
      version: withSecret.version,
      input: parseConnection({ ...LEDGER_VALUES, clientSecret: "" }, true),
    });
    const after = await f.db.connection.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after).toMatchObject({
      status: "ACTIVE",
      health: "NOT_TESTED",
      version: active.version,
      clientSecretEncrypted: row.clientSecretEncrypted,
    });

    const events = await f.db.auditEvent.findMany({ where: { connectionId: draft.id }, orderBy: { seq: "asc" } });
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
    await expect(saveConnectionDraft(f.actor, { reachedStep: 1, input: { name: "Ledger" } })).rejects.toMatchObject({
      name: "ApplicationError",
      field: "name",
    });
  });

  it("refuses a name that differs from a taken one only in case", async () => {
    await expect(saveConnectionDraft(f.actor, { reachedStep: 1, input: { name: "LEDGER" } })).rejects.toMatchObject({
      name: "ApplicationError",
      field: "name",
    });
  });

  it("refuses to activate without a secret for a confidential client", async () => {
    const draft = await saveConnectionDraft(f.actor, { reachedStep: 1, input: { name: "No secret" } });
    const input = parseConnection({ ...LEDGER_VALUES, name: "No secret", clientSecret: "" }, true);
    await expect(
      activateConnection(f.actor, { connectionId: draft.id, version: draft.version, input }),
    ).rejects.toBeInstanceOf(ApplicationError);
    expect((await f.db.connection.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
  });
});

/** Saves the Ledger values with a change over the saved connection at the version it was saved with, keeping the stored secret unless one is typed. */
function editSaved(saved: { id: string; version: number }, change: Partial<ConnectionFormValues>) {
  return updateConnection(f.actor, {
    connectionId: saved.id,
    version: saved.version,
    input: parseConnection({ ...LEDGER_VALUES, clientSecret: "", ...change }, true),
  });
}

describe("updates", () => {
  it("drops a stored secret when the token endpoint moves to another origin or the issuer changes", async () => {
    const saved = await f.createActive("Moved");
    expect((await f.db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientSecretOrigin).toBe(
      "https://id.example.com",
    );
    const moved = editSaved(saved, { name: "Moved", tokenUrl: "https://collector.example.net/token" });
    await expect(moved).rejects.toMatchObject({
      field: "clientSecret",
      message: expect.stringContaining(
        "The token endpoint moved from https://id.example.com to https://collector.example.net: enter the client secret again",
      ),
    });
    const issuerChanged = editSaved(saved, { name: "Moved", issuer: "https://other-issuer.example.org" });
    await expect(issuerChanged).rejects.toThrow(/The issuer changed from none to https:\/\/other-issuer\.example\.org/);
    const unchanged = await f.db.connection.findUniqueOrThrow({ where: { id: saved.id } });
    expect(unchanged.tokenUrl).toBe("https://id.example.com/token");
    expect(unchanged.clientSecretEncrypted).not.toBeNull();

    const retyped = await editSaved(saved, {
      name: "Moved",
      tokenUrl: "https://collector.example.net/token",
      clientSecret: "typed-again-for-the-new-host",
    });
    expect(retyped.hasClientSecret).toBe(true);
    expect((await f.db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientSecretOrigin).toBe(
      "https://collector.example.net",
    );
  });

  it("records a field-level diff and refuses a stale version", async () => {
    const saved = await f.createActive("Payroll");
    const first = await editSaved(saved, { name: "Payroll", tokenUrl: "https://id.example.com/v2/token" });
    expect(first.changed).toBe(true);
    const event = await f.db.auditEvent.findFirst({
      where: { connectionId: saved.id, action: "connection.updated" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(event!.details).diff).toEqual({
      tokenUrl: { from: "https://id.example.com/token", to: "https://id.example.com/v2/token" },
    });

    const stale = editSaved(saved, { name: "Payroll", clientId: "someone-else" });
    await expect(stale).rejects.toBeInstanceOf(ConnectionConflictError);
    await expect(stale).rejects.toThrow(/admin@dal\.test changed this connection at .* your edits are kept/);
    expect((await f.db.connection.findUniqueOrThrow({ where: { id: saved.id } })).clientId).toBe("ledger-client");
  });

  it("does not write or audit when nothing changed", async () => {
    const saved = await f.createActive("Quiet");
    const before = await f.db.auditEvent.count();
    const result = await editSaved(saved, { name: "Quiet" });
    expect(result).toMatchObject({ changed: false, version: saved.version });
    expect(await f.db.auditEvent.count()).toBe(before);
  });

  it("rotates the secret with a secret-only diff", async () => {
    const saved = await f.createActive("Rotating", "old-secret-aaaa");
    const rotated = await rotateClientSecret(f.actor, { connectionId: saved.id, secret: "new-secret-bbbb" });
    expect(rotated.clientSecretLast4).toBe("bbbb");
    const event = await f.db.auditEvent.findFirst({
      where: { connectionId: saved.id, action: "connection.secret_rotated" },
    });
    expect(JSON.parse(event!.details)).toEqual({ diff: { clientSecret: { changed: true, secret: true } } });
  });
});

describe("one-click fixes", () => {
  it("adds exactly one scope, audited as an update of the scopes only, and refuses a stale version", async () => {
    const { id } = await f.createActive("Scope fix");
    const before = await f.db.connection.findUniqueOrThrow({ where: { id } });
    const saved = await addConnectionScope(f.actor, {
      connectionId: id,
      version: before.version,
      scope: "offline_access",
    });
    expect(saved.changed).toBe(true);
    const after = await f.db.connection.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(after.scopes)).toEqual([...JSON.parse(before.scopes), "offline_access"]);
    const event = await f.db.auditEvent.findFirstOrThrow({ where: { connectionId: id }, orderBy: { seq: "desc" } });
    expect(event.action).toBe("connection.updated");
    expect(Object.keys(JSON.parse(event.details).diff)).toEqual(["scopes"]);
    await expect(
      addConnectionScope(f.actor, { connectionId: id, version: before.version, scope: "email" }),
    ).rejects.toMatchObject({ name: "ConnectionConflictError" });
  });
});
