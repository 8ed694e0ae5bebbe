/**
 * A real OpenID Connect authorization server (oidc-provider, OpenID certified) on loopback for
 * the end-to-end suite, and the quirk proxy in front of it. Its built-in login and consent pages
 * accept any login name. It counts token requests by grant type and client (succeeded or refused), served as
 * JSON at /__test__/grant-counts, so token-API specs count refreshes at the server itself.
 * Usage: tsx e2e/support/oidc-server.ts   (port from E2E_PORT_BASE, see env.ts)
 */
import fs from "node:fs";
import path from "node:path";
import type { KoaContextWithOIDC } from "oidc-provider";
import { startQuirkProxy } from "../../lib/testing/quirk-proxy";
import { E2E } from "./env";
import { OIDC_CLIENTS, TEST_CLIENTS } from "./oidc-clients";
import { createOidcProvider } from "../../lib/testing/oidc-provider-factory";
import { QUIRKS_BY_CLIENT } from "../../lib/testing/quirk-clients";
import { startMtlsListener } from "../../lib/testing/mtls-listener";
import { createTestCertificateAuthority } from "../../lib/testing/test-pki";

const provider = createOidcProvider(
  E2E.oidcIssuer,
  OIDC_CLIENTS,
  {
    ClientCredentials: (_ctx, _token, client) =>
      client.clientId === TEST_CLIENTS.fiveMinuteTokens.clientId ? 300 : 600,
  },
  { mtlsOrigin: E2E.mtlsOrigin },
);

// A new CA each run, written before anything listens: the consoles start after this server answers.
const mtlsListening = createTestCertificateAuthority("CN=Handshake E2E Test CA").then((ca) => {
  fs.mkdirSync(path.dirname(E2E.mtlsCaFile), { recursive: true });
  fs.writeFileSync(
    E2E.mtlsCaFile,
    JSON.stringify({ certificatePem: ca.certificatePem, privateKeyPem: ca.privateKeyPem }),
  );
  fs.writeFileSync(E2E.mtlsCaCertificateFile, ca.certificatePem);
  return startMtlsListener(provider, ca, E2E.mtlsPort);
});

const grantCounts: Record<string, number> = {};
// By grant type and client ("refresh_token:e2e-token-api"): a spec counts its own client's requests
// while other specs use the server at the same time.
const countGrant = (ctx: KoaContextWithOIDC) => {
  const key = `${String(ctx.oidc?.params?.grant_type ?? "unknown")}:${ctx.oidc?.client?.clientId ?? "unknown"}`;
  grantCounts[key] = (grantCounts[key] ?? 0) + 1;
};
provider.on("grant.success", countGrant);
provider.on("grant.error", countGrant);
// Public key sets a story registers for a private_key_jwt client, served as that client's jwks_uri.
const clientJwks = new Map<string, string>();
const CLIENT_JWKS_PATH = /^\/__test__\/client-jwks\/([\w-]+)$/;
provider.use(async (ctx, next) => {
  if (ctx.path === "/__test__/grant-counts") {
    ctx.body = grantCounts;
    return;
  }
  const jwksClient = CLIENT_JWKS_PATH.exec(ctx.path)?.[1];
  if (jwksClient) {
    if (ctx.method === "PUT") {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      clientJwks.set(jwksClient, Buffer.concat(chunks).toString("utf8"));
      // Like a provider told the keys changed: fetch the jwks_uri again (oidc-provider caches it 60 s or more).
      const client = await provider.Client.find(jwksClient);
      if (client) (client.asymmetricKeyStore as unknown as { freshUntil?: number }).freshUntil = 0;
      ctx.status = 204;
      return;
    }
    ctx.set("Cache-Control", "no-store");
    ctx.type = "application/json";
    ctx.body = clientJwks.get(jwksClient) ?? '{"keys":[]}';
    return;
  }
  await next();
});

// The proxy and the mutual-TLS listener are ready before the provider answers, which is what Playwright waits for.
void Promise.all([
  startQuirkProxy({ upstream: E2E.oidcIssuer, quirks: QUIRKS_BY_CLIENT, port: E2E.quirkPort }),
  mtlsListening,
]).then(([proxy, mtlsServer]) => {
  const server = provider.listen(E2E.oidcPort, "127.0.0.1", () => {
    console.log(`[oidc] authorization server listening at ${E2E.oidcIssuer}, quirk proxy at ${proxy.origin}`);
  });
  // Outlive the clients' idle sockets (undici keeps one 4 s, or the server's hint less 1 s): a server that
  // closes first races a request sent on the closing socket ("other side closed"), as a busy machine shows.
  server.keepAliveTimeout = 65_000;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      mtlsServer.closeAllConnections();
      void proxy.close().then(() => mtlsServer.close(() => server.close(() => process.exit(0))));
    });
  }
});
