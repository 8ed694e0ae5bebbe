/** Clients registered at the test authorization server. Tests import these to fill the wizard. */
import type { ClientMetadata } from "oidc-provider";
import { E2E } from "./env";
import { QUIRK_OIDC_CLIENTS } from "../../lib/testing/quirk-clients";

export const CALLBACK_URL = `${E2E.appUrl}/api/oauth/callback`;

export const TEST_CLIENTS = {
  /** Machine-to-machine, secret in the Authorization header. */
  clientCredentialsBasic: { clientId: "e2e-cc-basic", clientSecret: "cc-basic-secret-8f2c41d9e7" },
  /** Machine-to-machine, secret in the form body. */
  clientCredentialsPost: { clientId: "e2e-cc-post", clientSecret: "cc-post-secret-1a9be03c55" },
  /** Machine-to-machine with a client_secret_jwt assertion (RFC 7523); HS256 wants a secret of 256 bits or more. */
  clientCredentialsJwt: { clientId: "e2e-cc-jwt", clientSecret: "cc-jwt-secret-for-hs256-assertions-6b1f93d0a4" },
  /**
   * Machine-to-machine with a private_key_jwt assertion (RFC 7523): its keys are the ones a story
   * registers at run time (PUT /__test__/client-jwks/<client id>, served as its jwks_uri by oidc-server.ts).
   */
  clientCredentialsPrivateKey: { clientId: "e2e-cc-private-key" },
  /** private_key_jwt whose keys no story registers: the provider knows no key for it. */
  keyNotRegistered: { clientId: "e2e-cc-key-not-registered" },
  /** private_key_jwt at a provider that takes only the token endpoint URL as aud, as Okta (oidc-provider-factory.ts). */
  tokenEndpointAudience: { clientId: "aud-token-endpoint-e2e" },
  /** Machine-to-machine whose tokens live five minutes (Keycloak's default), for the short-lived token story. */
  fiveMinuteTokens: { clientId: "e2e-cc-five-minutes", clientSecret: "cc-five-minutes-secret-2d7c90e4b1" },
  /** Confidential web client for the authorization code flow, with refresh tokens. */
  web: { clientId: "e2e-web", clientSecret: "web-secret-6d0f2b8a91c4" },
  /** Like web, used only by the token API's concurrency stories, so their refresh count at the server is theirs alone. */
  tokenApi: { clientId: "e2e-token-api", clientSecret: "token-api-secret-3c9e5a71d4" },
  /** Like web, used only by the refresh-margin story, so its refresh count at the server is its own. */
  refreshMargin: { clientId: "e2e-refresh-margin", clientSecret: "refresh-margin-secret-9d4a27c6e1" },
  /** Public client (no secret) for authorization code with PKCE. */
  publicPkce: { clientId: "e2e-public" },
  /** Confidential web client for the replicas, whose shared public URL is replica B's. */
  replicaWeb: { clientId: "e2e-replica-web", clientSecret: "replica-web-secret-4b7e19c2d8" },
  /**
   * Mutual TLS (RFC 8705 §2.1) with a certificate the e2e test CA issued for this subject DN, token
   * requests at the provider's HTTPS listener; its tokens are bound to the certificate (§3).
   */
  mtlsCa: { clientId: "e2e-mtls-ca", subjectDn: "CN=e2e-mtls-client, O=Handshake E2E" },
  /**
   * Self-signed mutual TLS (RFC 8705 §2.2): the provider finds the certificate in the key set a story
   * registers (PUT /__test__/client-jwks/<client id>, the console's JWKS with the certificate as x5c).
   */
  mtlsSelfSigned: { clientId: "e2e-mtls-self-signed" },
  /** Registered with another redirect URI, to provoke the provider's redirect-URI mismatch. */
  wrongRedirect: { clientId: "e2e-wrong-redirect", clientSecret: "wrong-redirect-secret-77aa" },
  /** Code flow client that requires pushed authorization requests (RFC 9126 §5, per client). */
  parRequired: { clientId: "par-required-e2e", clientSecret: "par-required-secret-5c1e8a90d2" },
  /**
   * private_key_jwt code flow client that requires PAR and signed request objects (RFC 9101); its
   * keys are the ones the story registers at run time, as for e2e-cc-private-key.
   */
  jarPar: { clientId: "jar-par-required-e2e" },
  /** Web client whose access tokens must be DPoP-bound (RFC 9449 §5, dpop_bound_access_tokens). */
  dpopWeb: { clientId: "dpop-e2e-web", clientSecret: "dpop-web-secret-5e1a8c3f92" },
  /** Client credentials with DPoP-bound tokens at a server that demands a DPoP nonce (RFC 9449 §8: ID prefix "dpop-nonce"). */
  dpopNonceMachine: { clientId: "dpop-nonce-e2e-machine", clientSecret: "dpop-nonce-secret-3b7d91e0c4" },
  /** private_key_jwt code flow client that requires signed request objects (RFC 9101) but not PAR. */
  jarOnly: { clientId: "jar-required-e2e" },
} as const;

export const OIDC_CLIENTS: ClientMetadata[] = [
  ...QUIRK_OIDC_CLIENTS,
  {
    client_id: TEST_CLIENTS.clientCredentialsBasic.clientId,
    client_secret: TEST_CLIENTS.clientCredentialsBasic.clientSecret,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_basic",
  },
  {
    client_id: TEST_CLIENTS.clientCredentialsPost.clientId,
    client_secret: TEST_CLIENTS.clientCredentialsPost.clientSecret,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_post",
  },
  {
    client_id: TEST_CLIENTS.clientCredentialsJwt.clientId,
    client_secret: TEST_CLIENTS.clientCredentialsJwt.clientSecret,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_jwt",
  },
  {
    client_id: TEST_CLIENTS.clientCredentialsPrivateKey.clientId,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "private_key_jwt",
    jwks_uri: `${E2E.oidcIssuer}/__test__/client-jwks/${TEST_CLIENTS.clientCredentialsPrivateKey.clientId}`,
  },
  ...[TEST_CLIENTS.keyNotRegistered, TEST_CLIENTS.tokenEndpointAudience].map(({ clientId }): ClientMetadata => ({
    client_id: clientId,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "private_key_jwt",
    jwks_uri: `${E2E.oidcIssuer}/__test__/client-jwks/${clientId}`,
  })),
  {
    client_id: TEST_CLIENTS.fiveMinuteTokens.clientId,
    client_secret: TEST_CLIENTS.fiveMinuteTokens.clientSecret,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_basic",
  },
  ...[TEST_CLIENTS.web, TEST_CLIENTS.tokenApi, TEST_CLIENTS.refreshMargin].map((client): ClientMetadata => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK_URL],
    token_endpoint_auth_method: "client_secret_basic",
  })),
  {
    client_id: TEST_CLIENTS.publicPkce.clientId,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK_URL],
    token_endpoint_auth_method: "none",
  },
  {
    client_id: TEST_CLIENTS.replicaWeb.clientId,
    client_secret: TEST_CLIENTS.replicaWeb.clientSecret,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [`${E2E.replicaBUrl}/api/oauth/callback`],
    token_endpoint_auth_method: "client_secret_basic",
  },
  ...(["tls_client_auth", "self_signed_tls_client_auth"] as const).map((method): ClientMetadata => ({
    client_id: method === "tls_client_auth" ? TEST_CLIENTS.mtlsCa.clientId : TEST_CLIENTS.mtlsSelfSigned.clientId,
    grant_types: ["client_credentials", "authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK_URL],
    token_endpoint_auth_method: method,
    tls_client_certificate_bound_access_tokens: true,
    ...(method === "tls_client_auth"
      ? { tls_client_auth_subject_dn: TEST_CLIENTS.mtlsCa.subjectDn }
      : { jwks_uri: `${E2E.oidcIssuer}/__test__/client-jwks/${TEST_CLIENTS.mtlsSelfSigned.clientId}` }),
  })),
  {
    client_id: TEST_CLIENTS.wrongRedirect.clientId,
    client_secret: TEST_CLIENTS.wrongRedirect.clientSecret,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    redirect_uris: ["http://127.0.0.1:9/elsewhere/callback"],
    token_endpoint_auth_method: "client_secret_basic",
  },
  {
    client_id: TEST_CLIENTS.parRequired.clientId,
    client_secret: TEST_CLIENTS.parRequired.clientSecret,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK_URL],
    token_endpoint_auth_method: "client_secret_basic",
    require_pushed_authorization_requests: true,
  },
  {
    client_id: TEST_CLIENTS.jarPar.clientId,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK_URL],
    token_endpoint_auth_method: "private_key_jwt",
    jwks_uri: `${E2E.oidcIssuer}/__test__/client-jwks/${TEST_CLIENTS.jarPar.clientId}`,
    require_pushed_authorization_requests: true,
    require_signed_request_object: true,
  },
  {
    client_id: TEST_CLIENTS.dpopWeb.clientId,
    client_secret: TEST_CLIENTS.dpopWeb.clientSecret,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK_URL],
    token_endpoint_auth_method: "client_secret_basic",
    dpop_bound_access_tokens: true,
  },
  {
    client_id: TEST_CLIENTS.dpopNonceMachine.clientId,
    client_secret: TEST_CLIENTS.dpopNonceMachine.clientSecret,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: "client_secret_basic",
    dpop_bound_access_tokens: true,
  },
  {
    client_id: TEST_CLIENTS.jarOnly.clientId,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: [CALLBACK_URL],
    token_endpoint_auth_method: "private_key_jwt",
    jwks_uri: `${E2E.oidcIssuer}/__test__/client-jwks/${TEST_CLIENTS.jarOnly.clientId}`,
    require_signed_request_object: true,
  },
];
