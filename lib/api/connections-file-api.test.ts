/**
 * /api/v1/connections-file through real HTTP against a real database (#23 item 5): export (JSON
 * and YAML, scoped to a restricted key's connections), plan and apply with a connections:write key
 * (a restricted key is refused), a broken file refused with every error, the audit events naming
 * the key and the file's checksum, no secret in any answer, every answer valid per the served
 * OpenAPI document.
 */
import { describe, expect, it } from "vitest";
import { setUpApiContractFixture } from "@/lib/testing/api-contract-fixture";

const fx = setUpApiContractFixture();
const SECRET = "tokens-cc-secret-0b7d42";
const FILE = "/api/v1/connections-file";

async function call(key: string, method: string, template: string, query = "", body?: string) {
  const answer = await fx.api.call(key, method, { template, query, body });
  expect(answer.text).not.toContain(SECRET);
  return answer;
}

const writer = (connectionIds?: string[]) =>
  fx.f.createKey({ connectionIds, permissions: ["connections:read", "connections:write"] });

async function machine(name: string) {
  return fx.f.createConnection({ grantType: "client_credentials", name, tokenUrl: `${fx.f.provider.issuer}/token` });
}

describe("export", () => {
  it("exports JSON or YAML without the secret, only the connections a restricted key may read", async () => {
    const [a, b] = [await machine("api export a"), await machine("api export b")];
    const { key } = await writer();
    const all = await call(key, "GET", FILE, "?names=api%20export%20a,api%20export%20b");
    expect(all.status, all.text).toBe(200);
    expect(all.json).toMatchObject({
      version: 1,
      connections: [
        { name: a.name, clientSecret: { env: "HANDSHAKE_SECRET_API_EXPORT_A" } },
        { name: b.name, clientSecret: { env: "HANDSHAKE_SECRET_API_EXPORT_B" } },
      ],
    });
    const yaml = await call(key, "GET", FILE, "?names=api%20export%20a&format=yaml");
    expect(yaml.type).toMatch(/^application\/yaml/);
    expect(yaml.text).toContain("name: api export a");

    const restricted = await fx.f.createKey({ connectionIds: [a.id], permissions: ["connections:read"] });
    const own = await call(restricted.key, "GET", FILE);
    expect((own.json.connections as { name: string }[]).map((c) => c.name)).toEqual([a.name]);
    const other = await call(restricted.key, "GET", FILE, "?names=api%20export%20b");
    expect(other.status).toBe(404);
    expect((await call(key, "GET", FILE, "?format=xml")).status).toBe(400);
  });
});

describe("plan and apply", () => {
  it("plans and applies with a connections:write key, audited with the key and the checksum; re-applying changes nothing", async () => {
    const connection = await machine("api import");
    const { key } = await writer();
    const exported = (await call(key, "GET", FILE, "?names=api%20import")).text;
    process.env.HANDSHAKE_SECRET_API_IMPORT = SECRET;
    process.env.HANDSHAKE_SECRET_API_IMPORT_NEW = SECRET;
    const file = JSON.parse(exported);
    file.connections[0].scopes = ["api:read"];
    file.connections.push({
      ...file.connections[0],
      name: "api import new",
      clientSecret: { env: "HANDSHAKE_SECRET_API_IMPORT_NEW" },
    });
    const text = JSON.stringify(file);

    const plan = await call(key, "POST", `${FILE}/plan`, "", text);
    expect(plan.status, plan.text).toBe(200);
    expect(plan.json.entries).toEqual([
      {
        name: "api import",
        action: "update",
        changes: [{ field: "scopes", label: "Scopes", before: null, after: "api:read" }],
      },
      expect.objectContaining({ name: "api import new", action: "create" }),
    ]);
    const stale = await call(key, "POST", `${FILE}/apply`, `?checksum=${"0".repeat(64)}`, text);
    expect(stale.status).toBe(400);
    const applied = await call(key, "POST", `${FILE}/apply`, `?checksum=${plan.json.checksum as string}`, text);
    expect(applied.status, applied.text).toBe(200);
    const event = await fx.f.db.auditEvent.findFirstOrThrow({
      where: { targetId: connection.id, action: "connection.updated" },
    });
    expect(event.actorEmail).toMatch(/^API key /);
    expect(JSON.parse(event.details)).toMatchObject({
      importChecksum: plan.json.checksum,
      diff: { scopes: { from: [], to: ["api:read"] } },
    });

    const events = await fx.f.db.auditEvent.count();
    const again = await call(key, "POST", `${FILE}/apply`, "", text);
    expect((again.json.entries as { action: string }[]).map((e) => e.action)).toEqual(["unchanged", "unchanged"]);
    expect(await fx.f.db.auditEvent.count()).toBe(events);
  });

  it("refuses a broken file with every error, a restricted key, and a key without connections:write", async () => {
    const connection = await machine("api broken");
    const { key } = await writer();
    const file = JSON.parse((await call(key, "GET", FILE, "?names=api%20broken")).text);
    file.connections[0].tokenUrl = "ftp://x";
    file.connections[0].defaultTokenLifetime = -1;
    file.connections[0].clientSecret = { env: "HANDSHAKE_NOT_SET_ANYWHERE" };
    const text = JSON.stringify(file);
    for (const route of ["plan", "apply"]) {
      const refused = await call(key, "POST", `${FILE}/${route}`, "", text);
      expect(refused.status).toBe(400);
      expect((refused.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        "api broken.clientSecret",
        "api broken.defaultTokenLifetime",
        "api broken.tokenUrl",
      ]);
    }
    file.connections[0] = {
      ...file.connections[0],
      tokenUrl: `${fx.f.provider.issuer}/token`,
      defaultTokenLifetime: 900,
      scopes: ["x"],
    };
    const three = await call(key, "POST", `${FILE}/apply`, "?prune=true", JSON.stringify(file));
    expect((three.json.errors as { field: string }[]).map((e) => e.field)).toEqual(["api broken.clientSecret"]);
    expect((await fx.f.db.connection.findUniqueOrThrow({ where: { id: connection.id } })).version).toBe(
      connection.version,
    );

    const restricted = await writer([connection.id]);
    expect((await call(restricted.key, "POST", `${FILE}/plan`, "", text)).status).toBe(403);
    const reader = await fx.f.createKey({ permissions: ["connections:read"] });
    expect((await call(reader.key, "POST", `${FILE}/apply`, "", text)).status).toBe(403);
  });
});

describe("the contract", () => {
  it("validates every answer above against the served OpenAPI document", async () => {
    const { key } = await writer();
    await fx.api.expectAnswersDocumented(key);
  });
});
