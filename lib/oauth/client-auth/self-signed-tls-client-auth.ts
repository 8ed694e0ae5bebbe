/**
 * self_signed_tls_client_auth (RFC 8705 §2.2): the client presents a self-signed certificate in
 * the TLS handshake; the provider accepts it when it is in the client's registered JWKS (x5c, or
 * its x5t#S256). The body carries only client_id; the guarded fetch presents the certificate.
 */
import type { ClientAuthMethodDefinition } from "@/lib/oauth/client-auth/client-auth-method";

export type SelfSignedTlsClientAuthChoice = { method: "self_signed_tls_client_auth" };

export const SELF_SIGNED_TLS_CLIENT_AUTH: ClientAuthMethodDefinition<SelfSignedTlsClientAuthChoice> = {
  method: "self_signed_tls_client_auth",
  label: "self_signed_tls_client_auth: a self-signed certificate registered at the provider (RFC 8705)",
  needs: "certificate",
  choiceOf: () => ({ method: "self_signed_tls_client_auth" }),
  apply: (_choice, credential) => (_as, client, body) => {
    if (!credential.certificate)
      throw new Error("self_signed_tls_client_auth needs the connection's client certificate.");
    body.set("client_id", client.client_id);
  },
  describe: () => "self_signed_tls_client_auth (mutual TLS, self-signed certificate)",
  carriesCredential: () => false,
  probeAlternatives: () => [],
  switchReason: " The provider authenticates the client by the registered self-signed certificate (RFC 8705 §2.2).",
};
