/** Clients registered at the test authorization server. Tests import these to fill the wizard. */
import type { ClientMetadata } from "oidc-provider";
import { E2E } from "./env";
import { QUIRK_OIDC_CLIENTS } from "../../lib/testing/quirk-clients";

export const CALLBACK_URL = `${E2E.appUrl}/api/oauth/callback`;

/** What a test reads of a client: its ID, and its secret when it has one. */
type TestClient<Secret extends string | undefined> = Secret extends string
  ? { clientId: string; clientSecret: Secret }
  : { clientId: string };
type AuthMethod = NonNullable<ClientMetadata["token_endpoint_auth_method"]>;
type Flow = Pick<ClientMetadata, "grant_types" | "response_types" | "redirect_uris">;
type RegisteredClient<Client> = { client: Client; registration: ClientMetadata };

/**
 * Methods whose clients prove themselves with a key: the provider finds it in the key set a story
 * registers at run time (PUT /__test__/client-jwks/<client id>, served as its jwks_uri by oidc-server.ts).
 */
const KEY_SET_METHODS: AuthMethod[] = ["private_key_jwt", "self_signed_tls_client_auth"];

const MACHINE_FLOW: Flow = { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] };
const CODE_FLOW: Flow = {
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  redirect_uris: [CALLBACK_URL],
};

/** The client as tests read it, and its registration at the provider: `extra` adds to or overrides the flow's fields. */
function registerClient<Client extends { clientId: string; clientSecret?: string }>(
  client: Client,
  method: AuthMethod,
  flow: Flow,
  extra: Partial<ClientMetadata>,
): RegisteredClient<Client> {
  const secret = client.clientSecret === undefined ? {} : { client_secret: client.clientSecret };
  const keys = KEY_SET_METHODS.includes(method)
    ? { jwks_uri: `${E2E.oidcIssuer}/__test__/client-jwks/${client.clientId}` }
    : {};
  const registration = { client_id: client.clientId, ...secret, ...flow, token_endpoint_auth_method: method };
  return { client, registration: { ...registration, ...keys, ...extra } };
}

function testClient<const Secret extends string | undefined>(clientId: string, clientSecret?: Secret) {
  return (clientSecret === undefined ? { clientId } : { clientId, clientSecret }) as TestClient<Secret>;
}

/** A builder of clients registered for `flow`: the method, the ID, the secret if any, and what else the client needs. */
function clientBuilderFor(flow: Flow) {
  return <const Secret extends string | undefined = undefined>(
    method: AuthMethod,
    clientId: string,
    clientSecret?: Secret,
    extra: Partial<ClientMetadata> = {},
  ) => registerClient(testClient(clientId, clientSecret), method, flow, extra);
}

/** A machine-to-machine client: client credentials only, no redirect. */
const machineClient = clientBuilderFor(MACHINE_FLOW);

/** An authorization code client with refresh tokens, redirected to the console's callback unless `extra` says otherwise. */
const codeFlowClient = clientBuilderFor(CODE_FLOW);

/** Mutual TLS (RFC 8705): client credentials and the code flow, tokens bound to the client's certificate (§3). */
function mutualTlsClient<Client extends { clientId: string }>(client: Client, method: AuthMethod, extra = {}) {
  const flow = { ...CODE_FLOW, grant_types: ["client_credentials", "authorization_code", "refresh_token"] };
  return registerClient(client, method, flow, { tls_client_certificate_bound_access_tokens: true, ...extra });
}

const MTLS_SUBJECT_DN = "CN=e2e-mtls-client, O=Handshake E2E";

const REGISTERED_CLIENTS = {
  /** Machine-to-machine, secret in the Authorization header. */
  clientCredentialsBasic: machineClient("client_secret_basic", "e2e-cc-basic", "cc-basic-secret-8f2c41d9e7"),
  /** Machine-to-machine, secret in the form body. */
  clientCredentialsPost: machineClient("client_secret_post", "e2e-cc-post", "cc-post-secret-1a9be03c55"),
  /** Machine-to-machine with a client_secret_jwt assertion (RFC 7523); HS256 wants a secret of 256 bits or more. */
  clientCredentialsJwt: machineClient(
    "client_secret_jwt",
    "e2e-cc-jwt",
    "cc-jwt-secret-for-hs256-assertions-6b1f93d0a4",
  ),
  /** Machine-to-machine with a private_key_jwt assertion (RFC 7523): its keys are the ones a story registers at run time. */
  clientCredentialsPrivateKey: machineClient("private_key_jwt", "e2e-cc-private-key"),
  /** private_key_jwt whose keys no story registers: the provider knows no key for it. */
  keyNotRegistered: machineClient("private_key_jwt", "e2e-cc-key-not-registered"),
  /** private_key_jwt at a provider that takes only the token endpoint URL as aud, as Okta (oidc-provider-factory.ts). */
  tokenEndpointAudience: machineClient("private_key_jwt", "aud-token-endpoint-e2e"),
  /** Machine-to-machine whose tokens live five minutes (Keycloak's default), for the short-lived token story. */
  fiveMinuteTokens: machineClient("client_secret_basic", "e2e-cc-five-minutes", "cc-five-minutes-secret-2d7c90e4b1"),
  /** Confidential web client for the authorization code flow, with refresh tokens. */
  web: codeFlowClient("client_secret_basic", "e2e-web", "web-secret-6d0f2b8a91c4"),
  /** Like web, used only by the token API's concurrency stories, so their refresh count at the server is theirs alone. */
  tokenApi: codeFlowClient("client_secret_basic", "e2e-token-api", "token-api-secret-3c9e5a71d4"),
  /** Like web, used only by the refresh-margin story, so its refresh count at the server is its own. */
  refreshMargin: codeFlowClient("client_secret_basic", "e2e-refresh-margin", "refresh-margin-secret-9d4a27c6e1"),
  /** Public client (no secret) for authorization code with PKCE. */
  publicPkce: codeFlowClient("none", "e2e-public"),
  /** Confidential web client for the replicas, whose shared public URL is replica B's. */
  replicaWeb: codeFlowClient("client_secret_basic", "e2e-replica-web", "replica-web-secret-4b7e19c2d8", {
    redirect_uris: [`${E2E.replicaBUrl}/api/oauth/callback`],
  }),
  /**
   * Mutual TLS (RFC 8705 §2.1) with a certificate the e2e test CA issued for this subject DN, token
   * requests at the provider's HTTPS listener; its tokens are bound to the certificate (§3).
   */
  mtlsCa: mutualTlsClient({ clientId: "e2e-mtls-ca", subjectDn: MTLS_SUBJECT_DN }, "tls_client_auth", {
    tls_client_auth_subject_dn: MTLS_SUBJECT_DN,
  }),
  /**
   * Self-signed mutual TLS (RFC 8705 §2.2): the provider finds the certificate in the key set a story
   * registers (the console's JWKS with the certificate as x5c).
   */
  mtlsSelfSigned: mutualTlsClient({ clientId: "e2e-mtls-self-signed" }, "self_signed_tls_client_auth"),
  /** Registered with another redirect URI, to provoke the provider's redirect-URI mismatch. */
  wrongRedirect: codeFlowClient("client_secret_basic", "e2e-wrong-redirect", "wrong-redirect-secret-77aa", {
    grant_types: ["authorization_code"],
    redirect_uris: ["http://127.0.0.1:9/elsewhere/callback"],
  }),
  /** Code flow client that requires pushed authorization requests (RFC 9126 §5, per client). */
  parRequired: codeFlowClient("client_secret_basic", "par-required-e2e", "par-required-secret-5c1e8a90d2", {
    require_pushed_authorization_requests: true,
  }),
  /**
   * private_key_jwt code flow client that requires PAR and signed request objects (RFC 9101); its
   * keys are the ones the story registers at run time, as for e2e-cc-private-key.
   */
  jarPar: codeFlowClient("private_key_jwt", "jar-par-required-e2e", undefined, {
    require_pushed_authorization_requests: true,
    require_signed_request_object: true,
  }),
  /** Web client whose access tokens must be DPoP-bound (RFC 9449 §5, dpop_bound_access_tokens). */
  dpopWeb: codeFlowClient("client_secret_basic", "dpop-e2e-web", "dpop-web-secret-5e1a8c3f92", {
    dpop_bound_access_tokens: true,
  }),
  /** Client credentials with DPoP-bound tokens at a server that demands a DPoP nonce (RFC 9449 §8: ID prefix "dpop-nonce"). */
  dpopNonceMachine: machineClient("client_secret_basic", "dpop-nonce-e2e-machine", "dpop-nonce-secret-3b7d91e0c4", {
    dpop_bound_access_tokens: true,
  }),
  /** private_key_jwt code flow client that requires signed request objects (RFC 9101) but not PAR. */
  jarOnly: codeFlowClient("private_key_jwt", "jar-required-e2e", undefined, { require_signed_request_object: true }),
};

type RegisteredClients = typeof REGISTERED_CLIENTS;

export const TEST_CLIENTS = Object.fromEntries(
  Object.entries(REGISTERED_CLIENTS).map(([name, { client }]) => [name, client]),
) as { readonly [Name in keyof RegisteredClients]: RegisteredClients[Name]["client"] };

export const OIDC_CLIENTS: ClientMetadata[] = [
  ...QUIRK_OIDC_CLIENTS,
  ...Object.values(REGISTERED_CLIENTS).map(({ registration }) => registration),
];
