/**
 * Seeds connections for the test-connection specs and reads back what the console stored,
 * through e2e/support/connection-store.ts (the app's own Prisma client and secret box, run by tsx).
 */
import { execFileSync } from "node:child_process";
import { TEST_CLIENTS } from "../support/oidc-clients";

export type SeedConnection = {
  name?: string;
  grantType: "client_credentials" | "authorization_code" | "authorization_code_pkce";
  clientId: string;
  clientSecret?: string;
  clientAuthMethod?: "client_secret_basic" | "client_secret_post" | "none";
  scopes?: string[];
  resource?: string;
  tokenSharing?: "SHARED" | "PER_USER";
  autoRefresh?: boolean;
  /** Defaults to the test authorization server, set up from discovery. */
  issuer?: string;
  /** Overrides the discovered token endpoint (the quirk proxy's). */
  tokenUrl?: string;
  apiCheckUrl?: string;
  apiCheckStatus?: number;
  testIntrospection?: boolean;
  testRevocation?: boolean;
  /** Pushed authorization requests (RFC 9126); the registry's default when not given. */
  parMode?: "OFF" | "WHEN_REQUIRED" | "ALWAYS";
  /** Sender-constrained tokens (RFC 9449): the seed generates the connection's DPoP key as a save does. */
  useDpop?: boolean;
  /** Store the provider's real discovery metadata (for the lint), as the wizard's import does. */
  importDiscovery?: boolean;
  /** As if a test had passed (without the test run). */
  health?: "HEALTHY";
};

/** Which console's database: the main e2e console's SQLite, or the replicas' PostgreSQL. */
export type StoreTarget = "main" | "replicas";

function store<T>(command: string, argument: unknown, target: StoreTarget = "main"): T {
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", "e2e/support/connection-store.ts", command, JSON.stringify(argument)],
    {
      encoding: "utf8",
      env: { ...process.env, E2E_STORE: target },
      // The leak search reads every test run and audit event of the whole run: far over the 1 MB default.
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  return JSON.parse(output) as T;
}

export async function seedConnection(
  input: SeedConnection,
  target?: StoreTarget,
): Promise<{ id: string; name: string }> {
  return store("seed", input, target);
}

/** A connection of `grantType` for one of the test server's clients, as configured there; `changes` adjust it. */
async function seedTestClientConnection(
  grantType: SeedConnection["grantType"],
  { clientId, clientSecret }: { clientId: string; clientSecret: string },
  changes: Partial<SeedConnection>,
  target?: StoreTarget,
): Promise<{ id: string; name: string }> {
  return seedConnection({ grantType, clientId, clientSecret, ...changes }, target);
}

/** A client credentials connection for the test server's client_secret_basic client; `changes` adjust it. */
export function seedClientCredentialsConnection(changes: Partial<SeedConnection> = {}, target?: StoreTarget) {
  return seedTestClientConnection("client_credentials", TEST_CLIENTS.clientCredentialsBasic, changes, target);
}

/** An authorization code connection for the test server's confidential web client; `changes` adjust it. */
export function seedWebConnection(changes: Partial<SeedConnection> = {}, target?: StoreTarget) {
  return seedTestClientConnection("authorization_code", TEST_CLIENTS.web, changes, target);
}

export type InventoryConnection = {
  name: string;
  status?: "ACTIVE" | "DRAFT";
  health?: "HEALTHY" | "FAILING" | "NOT_TESTED";
  lastTestedDaysAgo?: number;
  secretDaysOld?: number;
  token?: { expiresInDays: number; refreshToken: boolean };
  /** Client credentials unless said. */
  grantType?: "client_credentials" | "authorization_code";
  /** Why a Failing connection fails, as a refused refresh records it. */
  problem?: { source: "test" | "api" | "background"; title: string; daysAgo: number; by?: string };
};

/** Connections as if time had passed (health, last test, secret age, token expiry), sealed with the console's keys. */
export function seedInventoryConnections(createdByEmail: string, connections: InventoryConnection[]): string[] {
  return store("seed-inventory", { createdByEmail, connections });
}

export async function connectionHealth(connectionId: string, target?: StoreTarget): Promise<string> {
  return store("health", connectionId, target);
}

/** Decrypted tokens of every stored token set of a connection. */
export async function storedTokens(connectionId: string, target?: StoreTarget): Promise<string[]> {
  return store("tokens", connectionId, target);
}

/** Decrypted PKCE verifiers of the connection's (consumed) pending authorizations. */
export async function storedVerifiers(connectionId: string): Promise<string[]> {
  return store("verifiers", connectionId);
}

/** The key id (k1, k2…) the connection's client secret is sealed with. */
export async function storedSecretKeyId(connectionId: string): Promise<string | null> {
  return store("secretKeyId", connectionId);
}

/** The private members (d, p, q) of the connection's private_key_jwt key, for the leak search. */
export async function storedPrivateKeyMembers(connectionId: string): Promise<string[]> {
  return store("private-key", connectionId);
}

/** Every test run and audit event as text, for the leak search. */
export async function storedTestRecords(): Promise<string> {
  return store("records", null);
}

/** Stores a real authorization (e2e-web at the test server) as the connection's shared token set. */
export async function authorizeSharedTokenSet(
  connectionId: string,
  options: { expired: boolean; client?: "web" | "tokenApi" | "refreshMargin"; issuedSecondsAgo?: number },
  target?: StoreTarget,
): Promise<{ tokenSetId: string }> {
  return store("authorize", { connectionId, ...options }, target);
}

/** Creates an API key straight in the database (the browser spec creates its own through the page). */
export async function createApiKeyDirectly(
  name: string,
  connectionIds?: string[],
  target?: StoreTarget,
): Promise<{ id: string; key: string }> {
  return store("create-key", { name, connectionIds }, target);
}

/** Replaces the connection's stored client secret, as if it had been rotated at the provider (or set right again). */
export async function replaceStoredSecret(connectionId: string, clientSecret: string): Promise<void> {
  store("set-secret", { connectionId, clientSecret });
}

/** Makes the connection's stored tokens expired (their expiry moves five minutes into the past). */
export async function expireStoredTokens(connectionId: string): Promise<number> {
  return store("expire", connectionId);
}

/** The audit events recorded about a connection, oldest first. */
export async function connectionAuditEvents(
  connectionId: string,
): Promise<{ action: string; details: Record<string, unknown> }[]> {
  return store("audit", connectionId);
}
