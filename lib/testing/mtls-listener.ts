/**
 * Mutual TLS at the test authorization server (RFC 8705): oidc-provider's features.mTLS reading the
 * client certificate from the TLS socket, an HTTPS listener on loopback that asks for one (and
 * verifies it against the test CA for tls_client_auth), and discovery's mtls_endpoint_aliases (§5)
 * pointing at that listener. The issuer itself stays on plain http.
 */
import https from "node:https";
import type { TLSSocket } from "node:tls";
import type Provider from "oidc-provider";
import type { Configuration, KoaContextWithOIDC } from "oidc-provider";
import type { TestCertificateAuthority } from "@/lib/testing/test-pki";

function tlsSocketOf(ctx: KoaContextWithOIDC): TLSSocket | undefined {
  const socket = ctx.req.socket as Partial<TLSSocket>;
  return typeof socket.getPeerX509Certificate === "function" ? (socket as TLSSocket) : undefined;
}

/** "CN=a, O=b" and Node's "O=b\nCN=a" name the same subject: compare the attributes as a set. */
function normalisedDn(dn: string): string {
  return dn
    .split(/\n|,\s*/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.replace(/^([^=]+)=/, (_m, key: string) => `${key.trim().toUpperCase()}=`))
    .sort()
    .join(",");
}

/** oidc-provider's default methods and the two of RFC 8705 §2. */
export const MTLS_CLIENT_AUTH_METHODS: NonNullable<Configuration["clientAuthMethods"]> = [
  "client_secret_basic",
  "client_secret_jwt",
  "client_secret_post",
  "private_key_jwt",
  "none",
  "tls_client_auth",
  "self_signed_tls_client_auth",
];

export const MTLS_FEATURE: NonNullable<Configuration["features"]>["mTLS"] = {
  enabled: true,
  certificateBoundAccessTokens: true,
  tlsClientAuth: true,
  selfSignedTlsClientAuth: true,
  getCertificate: (ctx) => tlsSocketOf(ctx)?.getPeerX509Certificate(),
  // Node verified the chain against the test CA and the validity dates during the handshake.
  certificateAuthorized: (ctx) => tlsSocketOf(ctx)?.authorized === true,
  certificateSubjectMatches: (ctx, property, expected) => {
    const certificate = tlsSocketOf(ctx)?.getPeerX509Certificate();
    if (!certificate || property !== "tls_client_auth_subject_dn") return false;
    return normalisedDn(certificate.subject) === normalisedDn(expected);
  },
};

const ALIASED = ["token_endpoint", "introspection_endpoint", "revocation_endpoint", "userinfo_endpoint"] as const;

/** Adds mtls_endpoint_aliases to the discovery document: the same paths on the HTTPS listener. */
export function serveMtlsAliases(provider: Provider, mtlsOrigin: string): void {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== "/.well-known/openid-configuration" || !ctx.body || typeof ctx.body !== "object") return;
    const document = ctx.body as Record<string, unknown>;
    const aliases: Record<string, string> = {};
    for (const name of ALIASED) {
      const value = document[name];
      if (typeof value === "string") aliases[name] = `${mtlsOrigin}${new URL(value).pathname}`;
    }
    ctx.body = { ...document, mtls_endpoint_aliases: aliases };
  });
}

/**
 * Serves the provider over HTTPS on 127.0.0.1:`port` with a certificate from `ca`. Any client
 * certificate is accepted in the handshake (a self-signed one too); whether it was verified is
 * what certificateAuthorized reads.
 */
export async function startMtlsListener(
  provider: Provider,
  ca: TestCertificateAuthority,
  port: number,
): Promise<https.Server> {
  const serverCertificate = await ca.issueServerCertificate();
  const server = https.createServer(
    {
      cert: serverCertificate.certificatePem,
      key: serverCertificate.privateKeyPem,
      ca: ca.certificatePem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    provider.callback(),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}
