/**
 * tls_client_auth (RFC 8705 §2.1): the client proves itself with a certificate from a CA the
 * provider trusts, presented in the TLS handshake; the provider matches its subject DN or SAN with
 * the registration. The body carries only client_id (§2); the certificate is presented by the
 * guarded fetch (lib/oauth/client-config.ts).
 */
import type { ClientAuthMethodDefinition } from "@/lib/oauth/client-auth/client-auth-method";

export type TlsClientAuthChoice = { method: "tls_client_auth" };

export const TLS_CLIENT_AUTH: ClientAuthMethodDefinition<TlsClientAuthChoice> = {
  method: "tls_client_auth",
  label: "tls_client_auth: a certificate from a CA the provider trusts (RFC 8705)",
  needs: "certificate",
  choiceOf: () => ({ method: "tls_client_auth" }),
  apply: (_choice, credential) => (_as, client, body) => {
    if (!credential.certificate) throw new Error("tls_client_auth needs the connection's client certificate.");
    body.set("client_id", client.client_id);
  },
  describe: () => "tls_client_auth (mutual TLS, CA-issued certificate)",
  // The certificate proves possession of its key in the handshake: nothing in the request can be replayed.
  carriesCredential: () => false,
  // Every other method needs a secret or a key the connection does not have.
  probeAlternatives: () => [],
  switchReason: " The provider authenticates the client by the certificate it presents over TLS (RFC 8705 §2.1).",
};
