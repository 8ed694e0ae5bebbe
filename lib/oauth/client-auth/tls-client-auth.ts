/**
 * tls_client_auth (RFC 8705 §2.1): the client proves itself with a certificate from a CA the
 * provider trusts, presented in the TLS handshake; the provider matches its subject DN or SAN with
 * the registration. The body carries only client_id (§2); the certificate is presented by the
 * guarded fetch (lib/oauth/client-config.ts).
 */
import { defineCertificateMethod } from "@/lib/oauth/client-auth/client-auth-method";

export const TLS_CLIENT_AUTH = defineCertificateMethod({
  method: "tls_client_auth",
  label: "tls_client_auth: a certificate from a CA the provider trusts (RFC 8705)",
  describe: () => "tls_client_auth (mutual TLS, CA-issued certificate)",
  switchReason: " The provider authenticates the client by the certificate it presents over TLS (RFC 8705 §2.1).",
});
