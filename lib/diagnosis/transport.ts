/**
 * Transport: requests the guarded fetch refused to send, and connections that failed before any
 * HTTP answer (DNS, TCP, TLS, time-outs). `endpoint` names what the stage talks to.
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";

/** `message` is the guarded fetch's own explanation, when it gave one. */
type Refusal = { message?: string };
type Failed = { endpoint: string; code: string };

export const TRANSPORT_DIAGNOSES = {
  blocked_address: {
    code: "blocked_address",
    title: "Address refused",
    cause: (facts: Refusal) => facts.message ?? "The provider's address is not public.",
    fix: "Use the provider's public URL. An operator can allow an on-premises range with OUTBOUND_ALLOW_CIDRS (for example 10.20.0.0/16).",
  },
  blocked_protocol: {
    code: "blocked_protocol",
    title: "Plain http is not allowed",
    cause: (facts: Refusal) => facts.message ?? "Only https URLs are allowed.",
    fix: "Use the provider's https URL.",
  },
  response_too_large: {
    code: "response_too_large",
    title: "Response too large",
    cause: (facts: Refusal) => facts.message ?? "The response was larger than allowed.",
    fix: "Check the URL points at the OAuth endpoint; OAuth responses are small.",
  },
  credentials_in_url: {
    code: "credentials_in_url",
    title: "Credentials in URL",
    cause: "An endpoint URL contains a user name or password.",
    fix: "Remove the user name and password from the URL; client credentials belong in the client fields.",
  },
  blocked_redirect: {
    code: "unexpected_redirect",
    title: "Redirect not followed",
    cause: (facts: Refusal) => facts.message ?? "The provider answered with a redirect.",
    fix: "Use the final URL directly on the connection.",
  },
  dns_failure: {
    code: "dns_failure",
    title: "Host name not found",
    cause: (facts: Failed & { host?: string }) =>
      `The ${facts.endpoint}'s host name${facts.host ? ` ${facts.host}` : ""} could not be resolved (DNS ${facts.code}).`,
    fix: "Check the URL for typos, and that this server can resolve the provider's host name.",
  },
  connection_refused: {
    code: "connection_refused",
    title: "Connection refused",
    cause: (facts: { endpoint: string }) =>
      `Nothing accepted the connection to the ${facts.endpoint}: the provider is down, or the port is wrong.`,
    fix: "Check the URL's host and port, and that the provider is running and reachable from this server.",
  },
  network_error: {
    code: "network_error",
    title: "Network error",
    cause: (facts: Failed) => `The connection to the ${facts.endpoint} failed (${facts.code}).`,
    fix: "Check that the provider is reachable from this server (firewall, routing).",
  },
  tls_error: {
    code: "tls_error",
    title: "TLS error",
    cause: (facts: Failed) =>
      `The secure connection to the ${facts.endpoint} failed (${facts.code}): the certificate is not trusted, expired, or issued for another host name.`,
    fix: "Check the provider's certificate. For a private certificate authority, start Handshake with NODE_EXTRA_CA_CERTS pointing at its certificate.",
  },
  timeout: {
    code: "timeout",
    title: "Timed out",
    cause: (facts: { endpoint: string }) => `The ${facts.endpoint} did not answer within 10 seconds.`,
    fix: "Check that the provider is up and reachable from this server; a firewall that drops packets looks like this.",
  },
} satisfies Catalogue;
