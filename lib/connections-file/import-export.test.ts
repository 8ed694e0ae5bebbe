/**
 * Connections as code (#23 item 5) against a real database and the real test authorization
 * server: export, plan and apply of a file, the round trip byte for byte, re-applying changes
 * nothing, a file with errors is refused whole with every error by path, and no secret is ever in
 * an export or a plan.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenApiFixture } from "@/lib/testing/token-api-fixture";

let f: TokenApiFixture;
let lib: typeof import("@/lib/connections-file/export-connections") &
  typeof import("@/lib/connections-file/plan-import") &
  typeof import("@/lib/connections-file/apply-import");
let user: { id: string; email: string };
const CC_SECRET = "tokens-cc-secret-0b7d42";
const WEB_SECRET = "tokens-web-secret-5c1e8a";
const actor = () => ({ id: user.id, email: user.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" });

beforeAll(async () => {
  const { startTokenApiFixture } = await import("@/lib/testing/token-api-fixture");
  f = await startTokenApiFixture();
  lib = {
    ...(await import("@/lib/connections-file/export-connections")),
    ...(await import("@/lib/connections-file/plan-import")),
    ...(await import("@/lib/connections-file/apply-import")),
  };
  user = await f.db.user.create({
    data: { email: "import@unit.test", passwordHash: "x", role: "ADMIN" },
    select: { id: true, email: true },
  });
}, 120_000);

afterAll(async () => {
  await f?.close();
});

async function pair(prefix: string) {
  const cc = await f.createConnection({
    grantType: "client_credentials",
    name: `${prefix} machine`,
    tokenUrl: `${f.provider.issuer}/token`,
  });
  const seeded = await f.createConnection({ name: `${prefix} web` });
  // The fixture seeds rows directly; the wizard would have required the authorization URL of a code flow.
  const web = await f.db.connection.update({
    where: { id: seeded.id },
    data: { authorizationUrl: `${f.provider.issuer}/auth` },
  });
  return { cc, web, names: [cc.name, web.name] };
}

const envFor = (prefix: string) => ({
  [`HANDSHAKE_SECRET_${prefix.toUpperCase()}_MACHINE`]: CC_SECRET,
  [`HANDSHAKE_SECRET_${prefix.toUpperCase()}_WEB`]: WEB_SECRET,
});

async function removeAll(names: string[]) {
  const { deleteConnection } = await import("@/lib/connections/connection-lifecycle");
  for (const row of await f.db.connection.findMany({ where: { name: { in: names } } }))
    await deleteConnection(actor(), { connectionId: row.id, confirmName: row.name });
}

describe("round trip", () => {
  it("exports without secrets, plans only creates into an empty database, applies, and exports the same bytes; the imported connection tests", async () => {
    const { web, names } = await pair("trip");
    const { setConnectionEnabled } = await import("@/lib/connections/connection-lifecycle");
    await setConnectionEnabled(actor(), web.id, false);
    const exported = lib.formatConnectionsFile(await lib.exportConnections({ names }), "json");
    const yaml = lib.formatConnectionsFile(await lib.exportConnections({ names }), "yaml");
    for (const text of [exported, yaml]) {
      expect(text).not.toContain(CC_SECRET);
      expect(text).not.toContain(WEB_SECRET);
    }
    expect(JSON.parse(exported).connections[0].clientSecret).toEqual({ env: "HANDSHAKE_SECRET_TRIP_MACHINE" });
    await removeAll(names);

    const plan = await lib.planImport(yaml, { env: envFor("trip") });
    expect(plan.errors).toEqual([]);
    expect(plan.entries.map((e) => [e.name, e.action])).toEqual([
      ["trip machine", "create"],
      ["trip web", "create"],
    ]);
    expect(plan.entries[0]?.changes).toContainEqual({
      field: "grantType",
      label: "Grant type",
      before: null,
      after: "client_credentials",
    });
    expect(plan.entries[0]?.changes).toContainEqual({
      field: "clientSecret",
      label: "Client secret",
      before: null,
      after: "changed",
    });
    expect(JSON.stringify(plan)).not.toContain(CC_SECRET);

    const applied = await lib.applyImport(yaml, {
      env: envFor("trip"),
      actor: actor(),
      expectedChecksum: plan.checksum,
    });
    expect(applied).toMatchObject({ ok: true });
    expect(JSON.stringify(applied)).not.toContain(CC_SECRET);
    expect(lib.formatConnectionsFile(await lib.exportConnections({ names }), "json")).toBe(exported);
    expect(lib.formatConnectionsFile(await lib.exportConnections({ names }), "yaml")).toBe(yaml);

    const imported = await f.db.connection.findFirstOrThrow({ where: { name: "trip machine" } });
    const events = await f.db.auditEvent.findMany({ where: { targetId: imported.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["connection.created", "connection.updated"]);
    for (const event of events) expect(JSON.parse(event.details).importChecksum).toBe(plan.checksum);
    expect(JSON.stringify(events)).not.toContain(CC_SECRET);
    const { runClientCredentialsTest } = await import("@/lib/connection-tests/run-client-credentials-test");
    expect((await runClientCredentialsTest({ connection: imported, user, actor: actor() })).outcome).toBe("SUCCESS");
  });
});

describe("re-applying and changing", () => {
  it("re-applying the same file records nothing and bumps no version; a change shows as a field-level diff", async () => {
    const { names } = await pair("again");
    const text = lib.formatConnectionsFile(await lib.exportConnections({ names }), "json");
    const env = envFor("again");
    expect((await lib.planImport(text, { env })).entries.map((e) => e.action)).toEqual(["unchanged", "unchanged"]);
    const before = {
      events: await f.db.auditEvent.count(),
      rows: await f.db.connection.findMany({ where: { name: { in: names } } }),
    };
    expect(await lib.applyImport(text, { env, actor: actor() })).toMatchObject({ ok: true });
    expect(await f.db.auditEvent.count()).toBe(before.events);
    expect(await f.db.connection.findMany({ where: { name: { in: names } } })).toEqual(before.rows);

    const changed = text.replaceAll('"defaultTokenLifetime": 3600', '"defaultTokenLifetime": 900');
    const plan = await lib.planImport(changed, { env: { ...env, HANDSHAKE_SECRET_AGAIN_WEB: "rotated-web-secret" } });
    const web = plan.entries.find((e) => e.name === "again web");
    expect(web?.action).toBe("update");
    expect(web?.changes).toEqual([
      { field: "defaultTokenLifetime", label: "Default token lifetime", before: "3600", after: "900" },
      { field: "clientSecret", label: "Client secret", before: null, after: "changed" },
    ]);
    expect(JSON.stringify(plan)).not.toContain("rotated-web-secret");

    const disabling = text.replace('"enabled": true', '"enabled": false');
    const disablePlan = await lib.planImport(disabling, { env });
    expect(disablePlan.entries.find((e) => e.name === "again machine")?.changes).toEqual([
      { field: "enabled", label: "Enabled", before: "Yes", after: "No" },
    ]);
    expect(await lib.applyImport(disabling, { env, actor: actor() })).toMatchObject({ ok: true });
    const disabled = await f.db.connection.findFirstOrThrow({ where: { name: "again machine" } });
    expect(disabled.enabled).toBe(false);
    const event = await f.db.auditEvent.findFirstOrThrow({
      where: { targetId: disabled.id },
      orderBy: { seq: "desc" },
    });
    expect(event.action).toBe("connection.disabled");
    expect(JSON.parse(event.details).importChecksum).toBe(disablePlan.checksum);
  });

  it("keeps the stored secret of a connection whose entry names none, and refuses a new one without a secret", async () => {
    const { cc, names } = await pair("keep");
    const file = JSON.parse(lib.formatConnectionsFile(await lib.exportConnections({ names }), "json")) as {
      connections: Record<string, unknown>[];
    };
    for (const entry of file.connections) {
      delete entry.clientSecret;
      entry.description = "changed without its secret";
    }
    const text = JSON.stringify(file);
    const plan = await lib.planImport(text, { env: {} });
    expect(plan.errors).toEqual([]);
    for (const entry of plan.entries) expect(entry.changes.map((c) => c.field)).toEqual(["description"]);
    const sealed = (await f.db.connection.findUniqueOrThrow({ where: { id: cc.id } })).clientSecretEncrypted;
    expect(await lib.applyImport(text, { env: {}, actor: actor() })).toMatchObject({ ok: true });
    expect((await f.db.connection.findUniqueOrThrow({ where: { id: cc.id } })).clientSecretEncrypted).toBe(sealed);

    const created = JSON.stringify({ ...file, connections: [{ ...file.connections[0], name: "keep newcomer" }] });
    expect((await lib.planImport(created, { env: {} })).errors).toEqual([
      {
        path: "keep newcomer.clientSecret",
        connection: "keep newcomer",
        field: "clientSecret",
        message: expect.stringContaining('"clientSecret": {"env": "HANDSHAKE_SECRET_KEEP_NEWCOMER"}'),
      },
    ]);
    const keyless = { ...file.connections[0], name: "keep keyless", clientAuthMethod: "private_key_jwt" };
    expect((await lib.planImport(JSON.stringify({ ...file, connections: [keyless] }), { env: {} })).errors).toEqual([
      expect.objectContaining({
        path: "keep keyless.clientAuthMethod",
        message: expect.stringContaining("client-key"),
      }),
    ]);
  });

  it("with prune, plans and applies the deletion of active connections the file leaves out", async () => {
    const { names } = await pair("prune");
    const all = lib.formatConnectionsFile(await lib.exportConnections({}), "json");
    const file = JSON.parse(all) as { connections: { name: string }[] };
    file.connections = file.connections.filter((c) => c.name !== "prune web");
    const text = JSON.stringify(file);
    const env = Object.fromEntries(
      file.connections.flatMap((c) =>
        "clientSecret" in c
          ? [[(c.clientSecret as { env: string }).env, c.name.includes("machine") ? CC_SECRET : WEB_SECRET]]
          : [],
      ),
    );
    const plan = await lib.planImport(text, { env, prune: true });
    expect(plan.errors).toEqual([]);
    expect(plan.entries.filter((e) => e.action !== "unchanged")).toEqual([
      { name: "prune web", action: "delete", changes: [] },
    ]);
    expect((await lib.planImport(text, { env })).entries.some((e) => e.action === "delete")).toBe(false);
    expect(await lib.applyImport(text, { env, prune: true, actor: actor() })).toMatchObject({ ok: true });
    expect(await f.db.connection.count({ where: { name: { in: names } } })).toBe(1);
  });
});

describe("a file with errors", () => {
  it("is refused whole: all three errors listed by connection and field, nothing changed", async () => {
    const { names } = await pair("broken");
    const file = JSON.parse(lib.formatConnectionsFile(await lib.exportConnections({ names }), "json"));
    file.connections[0].tokenUrl = "not a url";
    file.connections[1].colour = "blue";
    file.connections.push({
      ...file.connections[1],
      name: "broken new",
      colour: undefined,
      clientSecret: { env: "HANDSHAKE_UNSET_SECRET" },
    });
    file.connections[1].defaultTokenLifetime = 900;
    const text = JSON.stringify(file);
    const env = { ...envFor("broken") };
    const events = await f.db.auditEvent.count();
    const rows = await f.db.connection.findMany({ orderBy: { id: "asc" } });

    const plan = await lib.planImport(text, { env });
    const expected = [
      { path: "broken machine.tokenUrl", connection: "broken machine", field: "tokenUrl" },
      { path: "broken web.colour", connection: "broken web", field: "colour", message: "Not a connection setting." },
      {
        path: "broken new.clientSecret",
        connection: "broken new",
        field: "clientSecret",
        message: "The environment variable HANDSHAKE_UNSET_SECRET is not set.",
      },
    ];
    expect(plan.errors).toMatchObject(expected);
    expect(plan.entries).toEqual([]);
    const applied = await lib.applyImport(text, { env, actor: actor() });
    expect(applied).toMatchObject({ ok: false, errors: expected });
    expect(await f.db.auditEvent.count()).toBe(events);
    expect(await f.db.connection.findMany({ orderBy: { id: "asc" } })).toEqual(rows);
  });

  it("refuses a file that is not the one the plan was made for, and text that is neither JSON nor YAML", async () => {
    const text = lib.formatConnectionsFile({ version: 1, connections: [] }, "json");
    const plan = await lib.planImport(text, {});
    expect(await lib.applyImport(`${text}\n`, { actor: actor(), expectedChecksum: plan.checksum })).toMatchObject({
      ok: false,
      errors: [{ path: "(file)" }],
    });
    expect((await lib.planImport("{ not json", {})).errors).toMatchObject([{ path: "(file)" }]);
    expect((await lib.planImport("version: 2\nconnections: {}\n", {})).errors.map((e) => e.path)).toEqual([
      "version",
      "connections",
    ]);
  });
});
