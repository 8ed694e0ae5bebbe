/**
 * The test authorization server's configuration, shared by the e2e server process
 * (e2e/support/oidc-server.ts), unit tests and the test-connection benchmark, so all of them
 * run against the same real oidc-provider setup.
 */
import crypto from "node:crypto";
import type http from "node:http";
import type https from "node:https";
import Provider, { errors, type ClientMetadata, type Configuration } from "oidc-provider";
import { closeHttpServer } from "@/lib/testing/close-http-server";
import { freePort } from "@/lib/testing/free-port";
import {
  MTLS_CLIENT_AUTH_METHODS,
  MTLS_FEATURE,
  serveMtlsAliases,
  startMtlsListener,
} from "@/lib/testing/mtls-listener";
import type { TestCertificateAuthority } from "@/lib/testing/test-pki";

/** Token lifetimes a caller may change (seconds, or a function of the client), e.g. Keycloak's five-minute access tokens. */
export type ProviderLifetimes = Configuration["ttl"];

/**
/**
 * A company IdP's directory: each account's groups, read at every sign-in, so a test can move a
 * user between groups. Adds the `groups` scope and claim.
 */
export type ProviderDirectory = { groupsOf(accountId: string): string[] };

/**
 * `directory`: a company IdP's groups (above). `mtlsOrigin`: the HTTPS listener
 * (lib/testing/mtls-listener.ts) that serves the same provider with client certificates; discovery
 * lists it as mtls_endpoint_aliases (RFC 8705 §5) and features.mTLS is on.
 */
export function createOidcProvider(
  issuer: string,
  clients: ClientMetadata[],
  lifetimes: ProviderLifetimes = {},
  { directory, mtlsOrigin }: { directory?: ProviderDirectory; mtlsOrigin?: string } = {},
): Provider {
  const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "e2e-es256", alg: "ES256", use: "sig" };

  const provider = new Provider(issuer, {
    jwks: { keys: [signingKey] },
    clientDefaults: { id_token_signed_response_alg: "ES256" },
    ...(mtlsOrigin ? { clientAuthMethods: MTLS_CLIENT_AUTH_METHODS } : {}),
    // A private_key_jwt client's jwks_uri is on loopback here; oidc-provider's SSRF guard refuses loopback.
    fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit),
    clients,
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      ...(mtlsOrigin ? { mTLS: MTLS_FEATURE } : {}),
      // RFC 9449: a client whose ID starts with "dpop-nonce" plays a server that demands a DPoP nonce (§8).
      dPoP: {
        enabled: true,
        nonceSecret: crypto.randomBytes(32),
        requireNonce: (ctx) => Boolean(ctx.oidc?.client?.clientId.startsWith("dpop-nonce")),
      },
      introspection: { enabled: true },
      revocation: { enabled: true },
      // JAR (RFC 9101); a client with require_signed_request_object must send one. PAR stays at its default (on).
      requestObjects: { enabled: true, requireSignedRequestObject: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: "api:read api:write",
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "ES256" } },
        }),
      },
    },
    scopes: ["openid", "offline_access", "email", "profile", "api:read", "api:write", ...(directory ? ["groups"] : [])],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      ...(directory ? { groups: ["groups"] } : {}),
    },
    // A client whose ID starts with "pkce-required" plays a server that refuses a code flow without PKCE (RFC 7636 §4.4.1).
    pkce: { required: (_ctx, client) => client.clientId.startsWith("pkce-required") },
    assertJwtClientAuthClaimsAndHeader: async (ctx, claims, _header, client) =>
      playAssertionQuirks(ctx, claims, client.clientId),
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    ttl: { AccessToken: 600, ClientCredentials: 600, IdToken: 600, RefreshToken: 86400, ...lifetimes },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: `${id}@example.test`,
        email_verified: true,
        name: `Test user ${id}`,
        ...(directory ? { groups: directory.groupsOf(id) } : {}),
      }),
    }),
  });
  provider.proxy = false;
  if (mtlsOrigin) serveMtlsAliases(provider, mtlsOrigin);
  return provider;
}

/**
 * Client assertion checks of real providers oidc-provider does not make (it accepts the issuer and
 * the token endpoint URL as aud, RFC 7523 §3): a client whose ID starts with "aud-token-endpoint"
 * plays Okta, which takes only the token endpoint URL; one starting with "clock-ahead" plays a
 * provider whose clock runs five minutes ahead, so a 60-second assertion has expired on arrival.
 * Both answer 401 invalid_client with the provider's words, as Okta does.
 */
function playAssertionQuirks(
  ctx: Parameters<NonNullable<Configuration["assertJwtClientAuthClaimsAndHeader"]>>[0],
  claims: { aud?: unknown; exp?: unknown },
  clientId: string,
): void {
  const refuse = (description: string) =>
    Object.assign(new errors.InvalidClientAuth(description), { error_description: description });
  if (clientId.startsWith("aud-token-endpoint") && claims.aud !== ctx.oidc.urlFor("token"))
    throw refuse("The audience claim for client_assertion must be the endpoint invoked for the request.");
  if (clientId.startsWith("clock-ahead") && Number(claims.exp) <= Math.floor(Date.now() / 1000) + 300)
    throw refuse("The client_assertion token is expired.");
}

export type RunningOidcProvider = {
  issuer: string;
  port: number;
  provider: Provider;
  /** The mutual-TLS listener's origin and CA, when started with one. */
  mtls?: { origin: string; ca: TestCertificateAuthority };
  close(): Promise<void>;
};

/**
 * Starts a provider on a free loopback port, for unit tests and the benchmark. `clients` gets the
 * issuer so redirect URIs can point wherever the caller needs. `mtls`: a CA whose certificates the
 * provider's HTTPS listener (on another free port) trusts for tls_client_auth.
 */
export async function startOidcProvider(
  clients: (issuer: string) => ClientMetadata[],
  port = 0,
  lifetimes: ProviderLifetimes = {},
  { directory, mtls }: { directory?: ProviderDirectory; mtls?: TestCertificateAuthority } = {},
): Promise<RunningOidcProvider> {
  // The issuer must be known before listening, so reserve a port first when none is given.
  const chosen = port || (await freePort());
  const issuer = `http://127.0.0.1:${chosen}`;
  const mtlsPort = mtls ? await freePort() : 0;
  const mtlsOrigin = mtls ? `https://127.0.0.1:${mtlsPort}` : undefined;
  const provider = createOidcProvider(issuer, clients(issuer), lifetimes, { directory, mtlsOrigin });
  const server = await new Promise<ReturnType<Provider["listen"]>>((resolve) => {
    const s = provider.listen(chosen, "127.0.0.1", () => resolve(s));
  });
  const servers: (http.Server | https.Server)[] = [server];
  if (mtls) servers.push(await startMtlsListener(provider, mtls, mtlsPort));
  return {
    issuer,
    port: chosen,
    provider,
    ...(mtls && mtlsOrigin ? { mtls: { origin: mtlsOrigin, ca: mtls } } : {}),
    close: async () => {
      for (const s of servers) await closeHttpServer(s);
    },
  };
}
