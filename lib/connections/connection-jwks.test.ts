/**
 * The public key set route (/api/v1/connections/{id}/jwks.json) over real HTTP against a real
 * database: public keys only (never d, p, q…), cacheable, no API key, and a 404 that does not tell
 * an unknown connection from one that uses another client authentication.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase } from "@/lib/testing/test-database";
import { seedConnectionRow } from "@/lib/testing/seed-connection-row";
import type { RunningApiServer } from "@/lib/testing/api-http-server";
import type { StoredClientKey } from "@/lib/connections/client-keys";

let cleanup: () => void;
let db: PrismaClient;
let server: RunningApiServer;
let keys: typeof import("@/lib/connections/client-keys");

beforeAll(async () => {
  cleanup = createTestDatabase().cleanup;
  db = (await import("@/lib/db/prisma")).prisma;
  keys = await import("@/lib/connections/client-keys");
  const { startApiHttpServer } = await import("@/lib/testing/api-http-server");
  server = await startApiHttpServer({
    "/api/v1/connections/[connection]/jwks.json": await import("@/app/api/v1/connections/[connection]/jwks.json/route"),
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.$disconnect();
  cleanup?.();
});

async function connectionWith(name: string, clientAuthMethod: string, key?: StoredClientKey) {
  const row = await seedConnectionRow(db, {
    name,
    grantType: "client_credentials",
    clientId: name,
    clientAuthMethod: clientAuthMethod as "private_key_jwt",
  });
  if (!key) return row;
  return db.connection.update({ where: { id: row.id }, data: keys.sealedKeyColumns(row.id, key) });
}

const jwksOf = (id: string) => fetch(`${server.origin}/api/v1/connections/${encodeURIComponent(id)}/jwks.json`);

describe("the JWKS route", () => {
  it.each(["ES256", "RS256"] as const)("serves the %s public key only, cacheable, without an API key", async (alg) => {
    const key = keys.generateClientKey(alg);
    const connection = await connectionWith(`jwks ${alg}`, "private_key_jwt", key);
    const response = await jwksOf(connection.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("content-type")).toBe("application/jwk-set+json");
    const text = await response.text();
    const body = JSON.parse(text) as { keys: Record<string, string>[] };
    expect(body.keys).toEqual([keys.publicJwkOf(key)]);
    expect(body.keys[0]).toMatchObject({ kid: key.kid, alg, use: "sig" });
    for (const member of ["d", "p", "q", "dp", "dq", "qi"] as const) {
      expect(body.keys[0]).not.toHaveProperty(member);
      if (key.privateJwk[member]) expect(text).not.toContain(key.privateJwk[member]);
    }
  });

  it("answers 404 alike for an unknown id, a secret-based connection, a key without the method, and a bad id", async () => {
    const secretBased = await connectionWith("jwks secret", "client_secret_basic");
    const switchedAway = await connectionWith("jwks switched", "client_secret_post", keys.generateClientKey("ES256"));
    const withoutKey = await connectionWith("jwks no key", "private_key_jwt");
    const answers = await Promise.all(
      ["no-such-connection", secretBased.id, switchedAway.id, withoutKey.id, "a b"].map(async (id) => {
        const response = await jwksOf(id);
        return { status: response.status, body: await response.json() };
      }),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 404, body: { type: "urn:handshake:problem:not-found" } });
  });
});
