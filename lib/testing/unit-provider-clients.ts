/**
 * The clients that the connection test fixture registers at its provider (connection-test-fixture.ts),
 * as a connection names them: the grant each is registered for, its ID and its secret.
 */
import { SECRETS } from "@/lib/testing/connection-test-fixture";

export const UNIT_CLIENTS = {
  ccBasic: { grantType: "client_credentials", clientId: "cc-basic", clientSecret: SECRETS.ccBasic },
  web: { grantType: "authorization_code", clientId: "web", clientSecret: SECRETS.web },
  /** Public (no secret): authorization code with PKCE. */
  publicPkce: { grantType: "authorization_code_pkce", clientId: "public" },
  /** Refused by the provider without PKCE (its ID starts with "pkce-required"). */
  pkceRequired: { grantType: "authorization_code", clientId: "pkce-required", clientSecret: SECRETS.web },
  /** Registered with another redirect URI than the console's callback. */
  wrongRedirect: { grantType: "authorization_code", clientId: "wrong-redirect", clientSecret: SECRETS.web },
} as const;
