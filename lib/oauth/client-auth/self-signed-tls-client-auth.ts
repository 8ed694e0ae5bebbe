/**
 * self_signed_tls_client_auth (RFC 8705 §2.2): the client presents a self-signed certificate in
 * the TLS handshake; the provider accepts it when it is in the client's registered JWKS (x5c, or
 * its x5t#S256). The body carries only client_id; the guarded fetch presents the certificate.
 */
import { defineCertificateMethod } from "@/lib/oauth/client-auth/client-auth-method";

export const SELF_SIGNED_TLS_CLIENT_AUTH = defineCertificateMethod({
  method: "self_signed_tls_client_auth",
  label: "self_signed_tls_client_auth: a self-signed certificate registered at the provider (RFC 8705)",
  describe: () => "self_signed_tls_client_auth (mutual TLS, self-signed certificate)",
  switchReason: " The provider authenticates the client by the registered self-signed certificate (RFC 8705 §2.2).",
});
