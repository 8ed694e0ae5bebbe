/**
 * Configuration: what is wrong with the connection itself, found before any request is sent.
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";

export const CONFIGURATION_DIAGNOSES = {
  missing_client_id: {
    code: "missing_client_id",
    title: "Client ID missing",
    cause: "The connection has no client ID.",
    fix: "Enter the client ID from the provider's app registration on the Client step.",
  },
  unsupported_client_auth: {
    code: "unsupported_client_auth",
    title: "Client authentication method not supported yet",
    cause: (facts: { method: string }) => `Handshake cannot test the ${facts.method} client authentication method yet.`,
    fix: "Choose client_secret_basic, client_secret_post or none.",
  },
  missing_secret: {
    code: "missing_secret",
    title: "Client secret missing",
    cause: (facts: { method: string }) => `The connection uses ${facts.method} but has no client secret stored.`,
    fix: "Enter the client secret on the Client step, or choose “none” for a public client.",
  },
  missing_private_key: {
    code: "missing_private_key",
    title: "Private key missing",
    cause: "The connection uses private_key_jwt but has no private key stored.",
    fix: "Generate a key pair or import the private key on the Client step, then register its public key at the provider.",
  },
  missing_client_certificate: {
    code: "missing_client_certificate",
    title: "Client certificate missing",
    cause: "The connection uses mutual TLS (RFC 8705) but has no client certificate and key stored.",
    fix: "Generate a self-signed certificate or upload the certificate and its key on the Client step, then register it at the provider.",
  },
  // The secret box refused a stored value: the key that sealed it is gone, or the row was changed by hand.
  stored_secret_unreadable: {
    code: "stored_secret_unreadable",
    title: "Stored secret cannot be opened",
    cause:
      "Handshake could not decrypt what it stored for this connection (its client secret, key or tokens): the encryption key that sealed it is not configured, or the stored value was changed outside Handshake. Nothing was sent to the provider.",
    fix: "Configure the encryption key it was sealed with again (npm run keys -- status lists the keys in use), or enter the client secret again and re-authorize.",
  },
  // The secret is bound to the origin it was entered for; a moved token endpoint does not get it.
  secret_origin_mismatch: {
    code: "secret_origin_mismatch",
    title: "Client secret not sent to another origin",
    cause: (facts: { bound: string | null; target: string | null }) =>
      `The client secret was entered for ${facts.bound ?? "an unknown origin"}, but this request goes to ${facts.target ?? "an unknown origin"}. It was not sent.`,
    fix: "If the provider really moved, enter the client secret again on the connection's Client step (Edit), for the new token endpoint.",
  },
  // A token goes back only to the origin that issued it (RFC 9700 §4.14 for refresh tokens; RFC 7009 and
  // RFC 7662 endpoints belong to that authorization server), whatever the metadata says.
  token_origin_mismatch: {
    code: "token_origin_mismatch",
    title: "Token not sent to another origin",
    cause: (facts: { issuedBy: string | null; target: string | null }) =>
      `The token was issued by ${facts.issuedBy ?? "an unknown origin"}, but this request would send it to ${facts.target ?? "an unknown origin"}. It was not sent.`,
    fix: "Point the revocation and introspection endpoints at the token endpoint's origin, or leave them to the provider's discovery document.",
  },
  // RFC 7617 §2: the user-id of plain Basic credentials cannot contain a colon.
  plain_basic_colon: {
    code: "plain_basic_colon",
    title: "Client ID cannot be sent as plain Basic credentials",
    cause:
      "The client ID contains “:”, which plain HTTP Basic credentials (RFC 7617 §2) cannot carry: the provider would split the ID there.",
    fix: "Use the form-encoded Basic encoding (RFC 6749 §2.3.1) or client_secret_post.",
  },
} satisfies Catalogue;
