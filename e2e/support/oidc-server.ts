/**
 * A real OpenID Connect authorization server (oidc-provider, OpenID certified) on loopback for
 * the end-to-end suite. Its built-in login and consent pages accept any login name.
 * Usage: tsx e2e/support/oidc-server.ts   (port from E2E_PORT_BASE, see env.ts)
 */
import crypto from "node:crypto";
import Provider from "oidc-provider";
import { E2E } from "./env";
import { OIDC_CLIENTS } from "./oidc-clients";

const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "e2e-es256", alg: "ES256", use: "sig" };

const provider = new Provider(E2E.oidcIssuer, {
  jwks: { keys: [signingKey] },
  clientDefaults: { id_token_signed_response_alg: "ES256" },
  clients: OIDC_CLIENTS,
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: "api:read api:write", accessTokenFormat: "jwt", jwt: { sign: { alg: "ES256" } } }),
    },
  },
  scopes: ["openid", "offline_access", "email", "profile", "api:read", "api:write"],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  pkce: { required: () => false },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  rotateRefreshToken: true,
  ttl: { AccessToken: 600, ClientCredentials: 600, IdToken: 600, RefreshToken: 86400 },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: `${id}@example.test`, email_verified: true, name: `Test user ${id}` }),
  }),
});
provider.proxy = false;

const server = provider.listen(E2E.oidcPort, "127.0.0.1", () => {
  console.log(`[oidc] authorization server listening at ${E2E.oidcIssuer}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
