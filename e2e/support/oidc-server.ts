/**
 * A real OpenID Connect authorization server (oidc-provider, OpenID certified) on loopback for
 * the end-to-end suite. Its built-in login and consent pages accept any login name.
 * Usage: tsx e2e/support/oidc-server.ts   (port from E2E_PORT_BASE, see env.ts)
 */
import { E2E } from "./env";
import { OIDC_CLIENTS } from "./oidc-clients";
import { createOidcProvider } from "./oidc-provider-factory";

const provider = createOidcProvider(E2E.oidcIssuer, OIDC_CLIENTS);

const server = provider.listen(E2E.oidcPort, "127.0.0.1", () => {
  console.log(`[oidc] authorization server listening at ${E2E.oidcIssuer}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
