/**
 * A token-API test bed: a temporary migrated database, a real oidc-provider with a confidential
 * web client (rotating refresh tokens) and a client-credentials client (five-minute tokens, like
 * Keycloak's default access token lifespan), a counting proxy in front
 * of its token endpoint, and helpers to create connections, token sets and keys and to call the
 * API as a service would. Call startTokenApiFixture() before importing the app's modules.
 */
import type { ClientMetadata } from "oidc-provider";
import type { PrismaClient } from "@/lib/db/generated/client";
import { startOidcProvider, type RunningOidcProvider } from "@/lib/testing/oidc-provider-factory";
import { createTestDatabase } from "@/lib/testing/test-database";
import { startCountingProxy, type CountingProxy } from "@/lib/testing/counting-proxy";
import { freshTokenSet, obtainTokensByAuthorizationCode } from "@/lib/testing/obtain-provider-tokens";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { RequestContext } from "@/lib/http/request-context";
import type { UserAccess } from "@/lib/schemas/api-key";
import type { ApiPermission } from "@/lib/api-keys/permissions";
import { seedConnectionRow, type SeedSettings } from "@/lib/testing/seed-connection-row";

export const FIXTURE_APP_URL = "http://127.0.0.1:9";
export const FIXTURE_CALLBACK = `${FIXTURE_APP_URL}/api/oauth/callback`;
export const FIXTURE_CLIENTS = {
  web: { clientId: "tokens-web", clientSecret: "tokens-web-secret-5c1e8a" },
  cc: { clientId: "tokens-cc", clientSecret: "tokens-cc-secret-0b7d42" },
} as const;
export const FIXTURE_ADMIN: AuditActor = {
  id: null,
  email: "admin@tokens.test",
  role: "ADMIN",
  ip: "127.0.0.1",
  userAgent: "test",
};

export type TokenApiFixture = Awaited<ReturnType<typeof startTokenApiFixture>>;

/** `clients`: more clients for the provider, e.g. a private_key_jwt client whose jwks_uri a test serves. */
export async function startTokenApiFixture({
  clients = () => [],
}: { clients?: (issuer: string) => ClientMetadata[] } = {}) {
  process.env.APP_URL = FIXTURE_APP_URL;
  process.env.OUTBOUND_ALLOW_HTTP = "true";
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  const database = createTestDatabase();
  const provider: RunningOidcProvider = await startOidcProvider(
    (issuer) => [
      ...clients(issuer),
      {
        client_id: FIXTURE_CLIENTS.web.clientId,
        client_secret: FIXTURE_CLIENTS.web.clientSecret,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: [FIXTURE_CALLBACK],
        token_endpoint_auth_method: "client_secret_basic",
      },
      {
        client_id: FIXTURE_CLIENTS.cc.clientId,
        client_secret: FIXTURE_CLIENTS.cc.clientSecret,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    0,
    { ClientCredentials: 300 },
  );
  const proxy: CountingProxy = await startCountingProxy(provider.issuer);
  const db: PrismaClient = (await import("@/lib/db/prisma")).prisma;
  const { decryptSecret } = await import("@/lib/crypto/secret-box");
  const { storeTokenSet, SHARED_OWNER } = await import("@/lib/tokens/token-store");
  const { tokenBindingOf } = await import("@/lib/tokens/token-binding");
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  const { serveTokenRequest } = await import("@/lib/tokens/serve-token");
  let counter = 0;

  async function createConnection(
    input: Partial<
      Pick<
        SeedSettings,
        "grantType" | "tokenSharing" | "name" | "defaultTokenLifetime" | "autoRefresh" | "tokenUrl" | "useDpop"
      >
    > = {},
  ) {
    counter += 1;
    const grantType = input.grantType ?? "authorization_code_pkce";
    const client = grantType === "client_credentials" ? FIXTURE_CLIENTS.cc : FIXTURE_CLIENTS.web;
    const settings: SeedSettings = {
      name: input.name ?? `tokens ${counter} ${Date.now().toString(36)}`,
      grantType,
      clientId: client.clientId,
      clientAuthMethod: "client_secret_basic",
      scopes: grantType === "client_credentials" ? [] : ["openid", "offline_access", "email"],
      tokenSharing: input.tokenSharing ?? "SHARED",
      issuer: provider.issuer,
      discoveryMetadata: { issuer: provider.issuer },
      // Token requests go through the counting proxy; everything else straight to the server.
      tokenUrl: input.tokenUrl ?? `${proxy.origin}/token`,
      defaultTokenLifetime: input.defaultTokenLifetime ?? 3600,
      autoRefresh: input.autoRefresh ?? true,
      useDpop: input.useDpop ?? false,
    };
    return seedConnectionRow(db, settings, { clientSecret: client.clientSecret });
  }

  /** A real authorization at the provider, stored as the connection's set with the given expiry (obtained now unless said). */
  async function authorize(
    connectionId: string,
    input: { expiresAt: Date; obtainedAt?: Date; userId?: string; login?: string },
  ) {
    const tokens = await obtainTokensByAuthorizationCode({
      issuer: provider.issuer,
      ...FIXTURE_CLIENTS.web,
      callbackUrl: FIXTURE_CALLBACK,
      login: input.login,
    });
    const ownerKey = input.userId ?? SHARED_OWNER;
    const connection = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
    const { id } = await db.$transaction((tx) =>
      storeTokenSet(tx, {
        connectionId,
        ownerKey,
        userId: input.userId ?? null,
        tokens: {
          ...freshTokenSet(tokens, input.expiresAt),
          ...(input.obtainedAt ? { obtainedAt: input.obtainedAt } : {}),
        },
        binding: tokenBindingOf(connection),
      }),
    );
    return { tokenSetId: id, accessToken: tokens.access_token, refreshToken: tokens.refresh_token! };
  }

  async function storedSecrets(tokenSetId: string) {
    const set = await db.tokenSet.findUniqueOrThrow({ where: { id: tokenSetId } });
    const open = (value: string | null, field: string) =>
      value ? decryptSecret(value, { recordId: set.id, field }) : null;
    return {
      set,
      accessToken: open(set.accessTokenEncrypted, "accessToken"),
      refreshToken: open(set.refreshTokenEncrypted, "refreshToken"),
    };
  }

  /** Shared tokens only unless userAccess says otherwise, as a key made in the console. */
  async function createKey(
    input: {
      connectionIds?: string[];
      rateLimitPerMinute?: number;
      name?: string;
      userAccess?: UserAccess;
      userIds?: string[];
      permissions?: ApiPermission[];
    } = {},
  ) {
    return createApiKey(FIXTURE_ADMIN, {
      name: input.name ?? `key ${++counter}`,
      permissions: input.permissions ?? ["tokens:read"],
      access: input.connectionIds ? "chosen" : "all",
      connectionIds: input.connectionIds ?? [],
      userAccess: input.userAccess ?? "SHARED_ONLY",
      userIds: input.userIds ?? [],
      expiresOn: "",
      rateLimitPerMinute: input.rateLimitPerMinute ?? 100_000,
    });
  }

  async function callTokenApi(
    key: string | null,
    ref: string,
    query: Record<string, string> = {},
    context: RequestContext = { ip: "127.0.0.1", userAgent: "test" },
  ) {
    const search = new URLSearchParams(query).toString();
    const request = new Request(
      `${FIXTURE_APP_URL}/api/v1/connections/${encodeURIComponent(ref)}/token${search ? `?${search}` : ""}`,
      {
        headers: key ? { authorization: `Bearer ${key}` } : {},
      },
    );
    const response = await serveTokenRequest(request, ref, context);
    return { response, body: (await response.json()) as Record<string, unknown> };
  }

  /** An admin with a user row: the audit actor of its changes, and the user a test runs for. */
  async function createAdmin(email: string) {
    const user = await db.user.create({
      data: { email, passwordHash: "x", role: "ADMIN" },
      select: { id: true, email: true },
    });
    const actor = { id: user.id, email: user.email, role: "ADMIN", ip: "127.0.0.1", userAgent: "vitest" } as const;
    return { user, actor };
  }

  /** The client credentials test of a stored connection, started by `admin`. */
  async function runClientCredentialsTest(connectionId: string, admin: Awaited<ReturnType<typeof createAdmin>>) {
    const engine = await import("@/lib/connection-tests/run-client-credentials-test");
    const connection = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
    return engine.runClientCredentialsTest({ connection, user: admin.user, actor: admin.actor });
  }

  return {
    db,
    dataDir: database.dataDir,
    provider,
    proxy,
    createConnection,
    authorize,
    storedSecrets,
    createKey,
    callTokenApi,
    createAdmin,
    runClientCredentialsTest,
    async close() {
      await proxy.close();
      await provider.close();
      await db.$disconnect();
      database.cleanup();
    },
  };
}
