/**
 * What the connection-test flow suites share: a real oidc-provider, a real (temporary) database,
 * a tiny HTTP server that plays non-standard providers, and every secret, code, verifier and
 * token seen during a suite, so that each suite can prove none of them was stored in a test run
 * or an audit event.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect } from "vitest";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { ClientMetadata } from "oidc-provider";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { StoredClientKey } from "@/lib/connections/client-keys";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import { driveProviderLogin, type LoginChoice } from "@/lib/testing/drive-provider-login";
import { startOidcProvider, type RunningOidcProvider } from "@/lib/testing/oidc-provider-factory";
import { seedConnectionRow, type SeedSettings } from "@/lib/testing/seed-connection-row";
import { createTestDatabase } from "@/lib/testing/test-database";
import { createTestCertificateAuthority } from "@/lib/testing/test-pki";
import { closeHttpServer } from "@/lib/testing/close-http-server";

const APP_URL = "http://127.0.0.1:9";
export const CALLBACK = `${APP_URL}/api/oauth/callback`;
export const SECRETS = {
  ccBasic: "unit-cc-basic-secret-4f1a",
  ccPost: "unit-cc-post-secret-9e2b",
  web: "unit-web-secret-77c3d1",
  // HS256 assertions: oidc-provider wants a secret of at least 256 bits.
  ccJwt: "unit-cc-jwt-secret-for-hs256-assertions-5d0e8b",
};

export type ConnectionInput = Pick<
  SeedSettings,
  | "name"
  | "clientAuthMethod"
  | "clientAssertionAudience"
  | "scopes"
  | "resource"
  | "tokenSharing"
  | "tokenUrl"
  | "authorizationUrl"
  | "jwksUrl"
  | "issuer"
  | "defaultTokenLifetime"
  | "useDpop"
  | "apiCheckUrl"
  | "testIntrospection"
> &
  Required<Pick<SeedSettings, "grantType" | "clientId">> & {
    clientSecret?: string;
    discovery?: boolean;
    /** private_key_jwt: sealed as a save seals a generated or imported key. */
    privateKey?: StoredClientKey;
  };

type User = { id: string; email: string };
type TinyRoute = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type Engine = typeof import("@/lib/connection-tests/run-client-credentials-test") &
  typeof import("@/lib/connection-tests/start-authorization") &
  typeof import("@/lib/connection-tests/complete-authorization") &
  typeof import("@/lib/connections/apply-test-fix") &
  typeof import("@/lib/crypto/secret-box") &
  typeof import("@/lib/net/guarded-fetch");
type Connection = Parameters<Engine["runClientCredentialsTest"]>[0]["connection"];

export const actor = (user: User): AuditActor => ({
  id: user.id,
  email: user.email,
  role: "ADMIN",
  ip: "127.0.0.1",
  userAgent: "vitest",
});

export type ConnectionTestFixture = {
  db: PrismaClient;
  engine: Engine;
  provider: RunningOidcProvider;
  /** Allows loopback, where the provider and the tiny server listen. */
  fetch: GuardedFetch;
  admin: User;
  otherAdmin: User;
  tinyOrigin: string;
  /** Handlers of the tiny server by request path; a test adds the ones it needs. */
  tinyRoutes: Map<string, TinyRoute>;
  /** Every secret value seen during the suite, for the leak check at its end. */
  seenSecrets: Set<string>;
  createConnection: (input: ConnectionInput) => Promise<Connection>;
  testRun: (id: string) => ReturnType<typeof readTestRun>;
  runClientCredentials: (
    connection: Connection,
    fetch?: GuardedFetch,
  ) => ReturnType<Engine["runClientCredentialsTest"]>;
  runCodeFlow: (
    connection: Connection,
    choice?: LoginChoice,
    user?: User,
  ) => Promise<{ started: { testRunId: string; authorizationUrl: string }; callbackUrl: URL }>;
  completeAuthorization: (callbackUrl: URL, user?: User) => ReturnType<Engine["completeAuthorization"]>;
  expectNoSeenSecretStored: () => Promise<void>;
};

async function readTestRun(db: PrismaClient, id: string) {
  const row = await db.testRun.findUniqueOrThrow({ where: { id } });
  return {
    ...row,
    resultJson: JSON.parse(row.result),
    traceJson: JSON.parse(row.trace),
    diagnosisJson: row.diagnosis ? JSON.parse(row.diagnosis) : null,
  };
}

/**
 * Registers the suite's beforeAll/afterAll; the returned fixture is filled in before the first test
 * runs. `extraClients` are registered at the provider next to the standard ones. `mtls`: the provider
 * also listens with mutual TLS (lib/testing/mtls-listener.ts) and the fixture's fetch trusts its CA.
 */
export function setUpConnectionTestFixture(
  extraClients: ClientMetadata[] = [],
  options: { mtls?: boolean } = {},
): ConnectionTestFixture {
  const fx = {
    tinyRoutes: new Map<string, TinyRoute>(),
    seenSecrets: new Set<string>(Object.values(SECRETS)),
  } as ConnectionTestFixture;
  let database: ReturnType<typeof createTestDatabase>;
  let tiny: http.Server;

  beforeAll(async () => {
    process.env.APP_URL = APP_URL;
    database = createTestDatabase();
    // Imported only now: the database module reads the configuration createTestDatabase just set.
    fx.db = (await import("@/lib/db/prisma")).prisma;
    fx.engine = {
      ...(await import("@/lib/connection-tests/run-client-credentials-test")),
      ...(await import("@/lib/connection-tests/start-authorization")),
      ...(await import("@/lib/connection-tests/complete-authorization")),
      ...(await import("@/lib/connections/apply-test-fix")),
      ...(await import("@/lib/crypto/secret-box")),
      ...(await import("@/lib/net/guarded-fetch")),
    };
    const mtls = options.mtls ? await createTestCertificateAuthority() : undefined;
    fx.fetch = fx.engine.createGuardedFetch({
      allowHttp: true,
      allowCidrs: ["127.0.0.0/8"],
      extraCaPem: mtls?.certificatePem,
    });
    fx.provider = await startOidcProvider(
      () => [
        {
          client_id: "cc-basic",
          client_secret: SECRETS.ccBasic,
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: "client_secret_basic",
        },
        {
          client_id: "cc-post",
          client_secret: SECRETS.ccPost,
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: "client_secret_post",
        },
        {
          client_id: "cc-jwt",
          client_secret: SECRETS.ccJwt,
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: "client_secret_jwt",
        },
        {
          client_id: "web",
          client_secret: SECRETS.web,
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
          redirect_uris: [CALLBACK],
          token_endpoint_auth_method: "client_secret_basic",
        },
        {
          client_id: "public",
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
          redirect_uris: [CALLBACK],
          token_endpoint_auth_method: "none",
        },
        // Its ID starts with "pkce-required", so the provider refuses it without PKCE (oidc-provider-factory.ts).
        {
          client_id: "pkce-required",
          client_secret: SECRETS.web,
          grant_types: ["authorization_code"],
          response_types: ["code"],
          redirect_uris: [CALLBACK],
          token_endpoint_auth_method: "client_secret_basic",
        },
        {
          client_id: "wrong-redirect",
          client_secret: SECRETS.web,
          grant_types: ["authorization_code"],
          response_types: ["code"],
          redirect_uris: ["http://127.0.0.1:9/elsewhere"],
          token_endpoint_auth_method: "client_secret_basic",
        },
        ...extraClients,
      ],
      0,
      {},
      { mtls },
    );
    fx.admin = await fx.db.user.create({
      data: { email: "admin@unit.test", passwordHash: "x", role: "ADMIN" },
      select: { id: true, email: true },
    });
    fx.otherAdmin = await fx.db.user.create({
      data: { email: "other@unit.test", passwordHash: "x", role: "ADMIN" },
      select: { id: true, email: true },
    });

    tiny = http.createServer((req, res) => {
      const route = fx.tinyRoutes.get(req.url ?? "");
      if (route) return route(req, res);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => tiny.listen(0, "127.0.0.1", resolve));
    fx.tinyOrigin = `http://127.0.0.1:${(tiny.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await fx.provider?.close();
    if (tiny) await closeHttpServer(tiny);
    await fx.db?.$disconnect();
    database?.cleanup();
  });

  fx.createConnection = async ({ discovery = true, clientSecret, privateKey, ...settings }) => {
    if (clientSecret) fx.seenSecrets.add(clientSecret);
    const row = await seedConnectionRow(
      fx.db,
      {
        clientAuthMethod: clientSecret ? "client_secret_basic" : "none",
        scopes: [],
        resource: null,
        tokenSharing: "SHARED",
        issuer: fx.provider.issuer,
        discoveryMetadata: discovery ? { issuer: fx.provider.issuer } : null,
        defaultTokenLifetime: 3600,
        ...settings,
      },
      { clientSecret },
    );
    if (!privateKey) return row;
    for (const member of ["d", "p", "q"] as const)
      if (privateKey.privateJwk[member]) fx.seenSecrets.add(privateKey.privateJwk[member]);
    const { sealedKeyColumns } = await import("@/lib/connections/client-keys");
    return fx.db.connection.update({ where: { id: row.id }, data: sealedKeyColumns(row.id, privateKey) });
  };

  fx.testRun = (id) => readTestRun(fx.db, id);

  fx.runClientCredentials = (connection, fetch = fx.fetch) =>
    fx.engine.runClientCredentialsTest({ connection, user: fx.admin, actor: actor(fx.admin), fetch });

  fx.runCodeFlow = async (connection, choice = "consent", user = fx.admin) => {
    const started = await fx.engine.startAuthorization({
      connection,
      user,
      actor: actor(user),
      purpose: "TEST",
      fetch: fx.fetch,
    });
    if (started.kind !== "redirect")
      throw new Error(`authorization did not start: ${JSON.stringify(await fx.testRun(started.testRunId))}`);
    const callbackUrl = await driveProviderLogin(started.authorizationUrl, CALLBACK, { choice });
    const code = callbackUrl.searchParams.get("code");
    if (code) fx.seenSecrets.add(code);
    return { started, callbackUrl };
  };

  fx.completeAuthorization = (callbackUrl, user = fx.admin) =>
    fx.engine.completeAuthorization({ callbackUrl, user, actor: actor(user), fetch: fx.fetch });

  fx.expectNoSeenSecretStored = async () => {
    const runs = await fx.db.testRun.findMany();
    const events = await fx.db.auditEvent.findMany();
    const stored = JSON.stringify([runs, events]);
    for (const secret of fx.seenSecrets)
      expect(stored.includes(secret), `a secret value (${secret.slice(0, 4)}…) was stored`).toBe(false);
  };

  return fx;
}
