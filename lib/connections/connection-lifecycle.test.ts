/** Duplicate, disable/enable and delete against a real migrated database, each audited in its transaction. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteConnection, duplicateConnection, setConnectionEnabled } from "@/lib/connections/connection-lifecycle";
import { startConnectionDataFixture, type ConnectionDataFixture } from "@/lib/testing/connection-data-fixture";

let f: ConnectionDataFixture;
let db: ConnectionDataFixture["db"];
let actor: ConnectionDataFixture["actor"];

beforeAll(async () => {
  f = await startConnectionDataFixture("admin@lifecycle.test");
  ({ db, actor } = f);
});

afterAll(() => f?.close());

describe("duplicate, disable, delete", () => {
  it("duplicates everything but the secret into a draft", async () => {
    const saved = await f.createActive("Source");
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
    const saved = await f.createActive("Toggle");
    await setConnectionEnabled(actor, saved.id, false);
    await setConnectionEnabled(actor, saved.id, false);
    await setConnectionEnabled(actor, saved.id, true);
    const actions = (await db.auditEvent.findMany({ where: { connectionId: saved.id }, orderBy: { seq: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions.slice(-2)).toEqual(["connection.disabled", "connection.enabled"]);
  });

  it("deletes only when the name is typed exactly", async () => {
    const saved = await f.createActive("Doomed");
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
