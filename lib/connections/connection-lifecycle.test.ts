/** Duplicate, disable/enable and delete against a real migrated database, each audited in its transaction. */
import { describe, expect, it } from "vitest";
import { openConnectionDataSuite } from "@/lib/testing/connection-data-suite";
import { deleteConnection, duplicateConnection, setConnectionEnabled } from "@/lib/connections/connection-lifecycle";

const f = openConnectionDataSuite("admin@lifecycle.test");

describe("duplicate, disable, delete", () => {
  it("duplicates everything but the secret into a draft", async () => {
    const saved = await f.createActive("Source");
    const copy = await duplicateConnection(f.actor, saved.id);
    const again = await duplicateConnection(f.actor, saved.id);
    expect([copy.name, again.name]).toEqual(["Source (copy)", "Source (copy 2)"]);
    const row = await f.db.connection.findUniqueOrThrow({ where: { id: copy.id } });
    expect(row).toMatchObject({
      status: "DRAFT",
      clientId: "ledger-client",
      tokenUrl: "https://id.example.com/token",
      clientSecretEncrypted: null,
      draftStep: 3,
    });
    const event = await f.db.auditEvent.findFirst({
      where: { connectionId: copy.id, action: "connection.duplicated" },
    });
    expect(JSON.parse(event!.details).source).toEqual({ id: saved.id, name: "Source" });
  });

  it("disables and enables with audit events", async () => {
    const saved = await f.createActive("Toggle");
    await setConnectionEnabled(f.actor, saved.id, false);
    await setConnectionEnabled(f.actor, saved.id, false);
    await setConnectionEnabled(f.actor, saved.id, true);
    const actions = (
      await f.db.auditEvent.findMany({ where: { connectionId: saved.id }, orderBy: { seq: "asc" } })
    ).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(["connection.disabled", "connection.enabled"]);
  });

  it("deletes only when the name is typed exactly", async () => {
    const saved = await f.createActive("Doomed");
    await expect(deleteConnection(f.actor, { connectionId: saved.id, confirmName: "doomed" })).rejects.toMatchObject({
      field: "confirmName",
    });
    await deleteConnection(f.actor, { connectionId: saved.id, confirmName: "Doomed" });
    expect(await f.db.connection.findUnique({ where: { id: saved.id } })).toBeNull();
    expect(
      await f.db.auditEvent.findFirst({ where: { connectionId: saved.id, action: "connection.deleted" } }),
    ).not.toBeNull();
  });
});
