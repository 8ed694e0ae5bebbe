/**
 * Connections for the test-connection specs, written straight into the main e2e console's
 * database with the app's own Prisma client and secret box, and reads of what the app stored,
 * for assertions and the leak test. Runs under tsx in its own process (Playwright's loader does
 * not load the generated Prisma client), with the console's data directory and so its keys.
 * Usage: tsx e2e/support/connection-store.ts <command> '<json argument>'   (prints JSON)
 */
import fs from "node:fs";
import path from "node:path";
import type { SeedConnection } from "../helpers/seed-connection";
import { seedInventory } from "./inventory-seed";
import { E2E } from "./env";

// Before the app's modules read their configuration: the same database and keys as the console
// (E2E_STORE=replicas: the replicas' PostgreSQL and shared secrets).
if (process.env.E2E_STORE === "replicas") {
  Object.assign(process.env, E2E.replicaSecrets);
  process.env.DATA_DIR = path.join(E2E.replicaDataDir, "store");
  process.env.DATABASE_URL = fs.readFileSync(E2E.replicaDatabaseUrlFile, "utf8").trim();
  process.env.APP_URL = E2E.replicaBUrl;
} else {
  process.env.DATA_DIR = E2E.appDataDir;
  process.env.DATABASE_URL = "";
  process.env.APP_URL = E2E.appUrl;
}

async function app() {
  const [{ prisma }, secretBox] = await Promise.all([
    import("../../lib/db/prisma"),
    import("../../lib/crypto/secret-box"),
  ]);
  return { prisma, ...secretBox };
}

let counter = 0;

async function seedConnection(input: SeedConnection): Promise<{ id: string; name: string }> {
  const { prisma } = await app();
  const { seedConnectionRow } = await import("../../lib/testing/seed-connection-row");
  counter += 1;
  const issuer = input.issuer ?? E2E.oidcIssuer;
  // With importDiscovery the provider's real metadata is stored, as the wizard's import does, so the lint sees it.
  const metadata = input.importDiscovery
    ? await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()
    : { issuer };
  const { id, name } = await seedConnectionRow(
    prisma,
    {
      name: input.name ?? `e2e ${input.clientId} ${process.pid}-${Date.now().toString(36)}-${counter}`,
      grantType: input.grantType,
      pkceMethod: "S256",
      issuer,
      discoveryMetadata: metadata,
      clientId: input.clientId,
      clientAuthMethod: input.clientAuthMethod ?? (input.clientSecret ? "client_secret_basic" : "none"),
      scopes: input.scopes ?? [],
      resource: input.resource ?? null,
      tokenSharing: input.tokenSharing ?? "SHARED",
      tokenUrl: input.tokenUrl,
      apiCheckUrl: input.apiCheckUrl,
      apiCheckStatus: input.apiCheckStatus ?? 200,
      testIntrospection: input.testIntrospection ?? false,
      ...(input.parMode ? { parMode: input.parMode } : {}),
      ...(input.useDpop ? { useDpop: true } : {}),
      testRevocation: input.testRevocation ?? false,
      autoRefresh: input.autoRefresh ?? true,
    },
    { clientSecret: input.clientSecret, row: { discoveredAt: new Date(), health: input.health ?? "NOT_TESTED" } },
  );
  return { id, name };
}

async function connectionHealth(connectionId: string): Promise<string> {
  const { prisma } = await app();
  return (await prisma.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { health: true } })).health;
}

/** Decrypted tokens of every stored token set of a connection. */
async function storedTokens(connectionId: string): Promise<string[]> {
  const { prisma, decryptSecret } = await app();
  const sets = await prisma.tokenSet.findMany({ where: { connectionId } });
  return sets.flatMap((set) =>
    (["accessToken", "refreshToken", "idToken"] as const).flatMap((field) => {
      const envelope = set[`${field}Encrypted`];
      return envelope ? [decryptSecret(envelope, { recordId: set.id, field })] : [];
    }),
  );
}

/** Decrypted PKCE verifiers of the connection's (consumed) pending authorizations. */
async function storedVerifiers(connectionId: string): Promise<string[]> {
  const { prisma, decryptSecret } = await app();
  const pending = await prisma.pendingAuthorization.findMany({ where: { connectionId } });
  return pending.flatMap((p) =>
    p.codeVerifierEncrypted ? [decryptSecret(p.codeVerifierEncrypted, { recordId: p.id, field: "codeVerifier" })] : [],
  );
}

/** The key id the connection's stored client secret is sealed with. */
async function secretKeyId(connectionId: string): Promise<string | null> {
  const { prisma, keyIdOf } = await app();
  const row = await prisma.connection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { clientSecretEncrypted: true },
  });
  return row.clientSecretEncrypted ? (keyIdOf(row.clientSecretEncrypted) ?? null) : null;
}

/** Everything stored about tests and their audit trail, as text, for the leak search. */
async function storedTestRecords(): Promise<string> {
  const { prisma } = await app();
  const [runs, events] = await Promise.all([prisma.testRun.findMany(), prisma.auditEvent.findMany()]);
  return JSON.stringify([runs, events]);
}

/** A real authorization at the test server (e2e-web), stored as the connection's shared set. */
async function authorizeShared(input: {
  connectionId: string;
  expired: boolean;
  client?: "web" | "tokenApi" | "refreshMargin";
  issuedSecondsAgo?: number;
}): Promise<{ tokenSetId: string }> {
  const { prisma } = await app();
  const [
    { obtainTokensByAuthorizationCode, freshTokenSet },
    { storeTokenSet, SHARED_OWNER },
    { tokenBindingOf },
    { TEST_CLIENTS, CALLBACK_URL },
  ] = await Promise.all([
    import("../../lib/testing/obtain-provider-tokens"),
    import("../../lib/tokens/token-store"),
    import("../../lib/tokens/token-binding"),
    import("./oidc-clients"),
  ]);
  const tokens = await obtainTokensByAuthorizationCode({
    issuer: E2E.oidcIssuer,
    ...TEST_CLIENTS[input.client ?? "web"],
    callbackUrl: CALLBACK_URL,
  });
  const connection = await prisma.connection.findUniqueOrThrow({ where: { id: input.connectionId } });
  const { id } = await prisma.$transaction((tx) =>
    storeTokenSet(tx, {
      connectionId: input.connectionId,
      ownerKey: SHARED_OWNER,
      userId: null,
      tokens: {
        ...freshTokenSet(tokens, new Date(Date.now() + (input.expired ? -60_000 : 3_600_000))),
        ...(input.issuedSecondsAgo ? { obtainedAt: new Date(Date.now() - input.issuedSecondsAgo * 1000) } : {}),
      },
      binding: tokenBindingOf(connection),
    }),
  );
  return { tokenSetId: id };
}

/** An API key for the given connections (all when none are named), shared tokens only; returns the key once. */
async function createKey(input: { name: string; connectionIds?: string[] }): Promise<{ id: string; key: string }> {
  const { createApiKey } = await import("../../lib/api-keys/manage-api-keys");
  const actor = { id: null, email: E2E.admin.email, role: "ADMIN", ip: null, userAgent: "e2e" };
  const ids = input.connectionIds ?? [];
  const created = await createApiKey(actor, {
    name: input.name,
    permissions: ["tokens:read"],
    access: ids.length ? "chosen" : "all",
    connectionIds: ids,
    userAccess: "SHARED_ONLY",
    userIds: [],
    expiresOn: "",
    rateLimitPerMinute: 100_000,
  });
  return { id: created.id, key: created.key };
}

/** Seals a new client secret for the connection, bypassing the console (a rotation at the provider, or its repair). */
async function setSecret(input: { connectionId: string; clientSecret: string }): Promise<null> {
  const { prisma, encryptSecret } = await app();
  const data = {
    clientSecretEncrypted: encryptSecret(input.clientSecret, { recordId: input.connectionId, field: "clientSecret" }),
    clientSecretLast4: input.clientSecret.slice(-4),
  };
  await prisma.connection.update({ where: { id: input.connectionId }, data });
  // A change at the provider is no untested edit: the copy the last good test ran with (safe edits) is just as affected.
  await prisma.connectionGoodConfiguration.updateMany({ where: { connectionId: input.connectionId }, data });
  return null;
}

/** Moves the expiry of every stored token set of a connection into the past, as time would. */
async function expireTokens(connectionId: string): Promise<number> {
  const { prisma } = await app();
  const { count } = await prisma.tokenSet.updateMany({
    where: { connectionId },
    data: { expiresAt: new Date(Date.now() - 5 * 60_000) },
  });
  return count;
}

/** The audit events about one connection, oldest first: action and details. */
async function connectionAuditEvents(
  connectionId: string,
): Promise<{ action: string; details: Record<string, unknown> }[]> {
  const { prisma } = await app();
  const events = await prisma.auditEvent.findMany({
    where: { connectionId },
    orderBy: { seq: "asc" },
    select: { action: true, details: true },
  });
  return events.map((e) => ({ action: e.action, details: JSON.parse(e.details) as Record<string, unknown> }));
}

/** The private members of the connection's private_key_jwt key (d, and p, q for RSA), for the leak search. */
async function privateKeyMembers(connectionId: string): Promise<string[]> {
  const { prisma, decryptSecret } = await app();
  const row = await prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
  if (!row.privateKeyEncrypted) return [];
  const { signingKeyFrom } = await import("../../lib/connections/client-keys");
  const key = signingKeyFrom(decryptSecret(row.privateKeyEncrypted, { recordId: row.id, field: "privateKey" }));
  return (["d", "p", "q"] as const).flatMap((member) => (key.privateJwk[member] ? [key.privateJwk[member]] : []));
}

const COMMANDS: Record<string, (argument: never) => Promise<unknown>> = {
  authorize: authorizeShared,
  "create-key": createKey,
  seed: seedConnection,
  "seed-inventory": seedInventory,
  health: connectionHealth,
  tokens: storedTokens,
  verifiers: storedVerifiers,
  records: storedTestRecords,
  secretKeyId,
  "private-key": privateKeyMembers,
  expire: expireTokens,
  "set-secret": setSecret,
  audit: connectionAuditEvents,
};

async function main() {
  const [command = "", argument = "null"] = process.argv.slice(2);
  const run = COMMANDS[command];
  if (!run) throw new Error(`unknown command ${command}`);
  const result = await run(JSON.parse(argument) as never);
  process.stdout.write(JSON.stringify(result));
  const { prisma } = await app();
  await prisma.$disconnect();
}

void main();
