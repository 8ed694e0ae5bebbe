/**
 * What the protocol needs to know about a client, free of database types: built from a connection
 * by lib/connections/client-profile.ts, read by client-config.ts for every request.
 */
import type { ClientCredential } from "@/lib/oauth/client-auth/client-auth-method";
import type { ClientAuthChoice } from "@/lib/oauth/client-auth/client-auth-methods";

/** Endpoints entered on the connection; they take precedence over discovered ones. */
export type ClientEndpoints = {
  authorization?: string;
  token?: string;
  userinfo?: string;
  revocation?: string;
  jwks?: string;
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
};
