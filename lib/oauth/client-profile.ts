/**
 * What the protocol needs to know about a client, free of database types: built from a connection
 * by lib/connections/client-profile.ts, read by client-config.ts for every request.
 */
import type { ClientCredential, ClientSigningKey } from "@/lib/oauth/client-auth/client-auth-method";
import type { ClientAuthChoice } from "@/lib/oauth/client-auth/client-auth-methods";

/** Endpoints entered on the connection; they take precedence over discovered ones. */
export type ClientEndpoints = {
  authorization?: string;
  token?: string;
  userinfo?: string;
  revocation?: string;
  jwks?: string;
};

/** When the authorization request goes through the PAR endpoint first (RFC 9126). */
export type ParMode = "OFF" | "WHEN_REQUIRED" | "ALWAYS";

/**
 * Request security options (PAR, JAR, DPoP), applied by client-config.ts and protocol-requests.ts
 * to every request of the profile: tests, probes, the token API's refresh and the API check.
 */
export type RequestOptions = {
  /** RFC 9126: WHEN_REQUIRED follows discovery's require_pushed_authorization_requests. */
  par: ParMode;
  /** RFC 9101: sign the authorization request with this key (also when discovery says require_signed_request_object). */
  jar: boolean;
  /** RFC 9101: the opened key the request object is signed with, when JAR is on. */
  requestObjectKey?: ClientSigningKey;
  /** RFC 9449: the opened DPoP key pair (private JWK with its alg), when DPoP is on. */
  dpopKey?: { privateJwk: JsonWebKey; publicJwk: JsonWebKey; alg: string };
};

export type ClientProfile = {
  clientId: string;
  /** The issuer as configured; discovery runs against it when the connection was set up from discovery. */
  issuer: string | null;
  /** The discovery document stored when the connection was set up (RFC 8414 / OIDC Discovery), if any. */
  storedMetadata: Record<string, unknown> | undefined;
  endpoints: ClientEndpoints;
  clientAuth: ClientAuthChoice;
  /** The opened credential of the client authentication (none for a public client). */
  credential: ClientCredential;
  /** The origin the client secret was entered for: the secret is sent nowhere else. */
  secretOrigin: string | null;
  requestOptions: RequestOptions;
};
