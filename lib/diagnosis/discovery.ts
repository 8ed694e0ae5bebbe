/**
 * Discovery: fetching the provider's metadata (OIDC Discovery, RFC 8414) and what the connection
 * needs from it.
 */
import type { Catalogue } from "@/lib/diagnosis/diagnosis";
import { ISSUERS_MUST_MATCH } from "@/lib/diagnosis/shared-wording";

export const DISCOVERY_DIAGNOSES = {
  invalid_issuer_url: {
    code: "invalid_issuer_url",
    title: "Not a URL",
    cause: "The issuer is not a valid absolute URL.",
    fix: "Enter the provider's issuer URL, such as https://login.example.com.",
  },
  discovery_not_found: {
    code: "discovery_not_found",
    title: "No discovery document",
    cause: (facts: { oidcUrl: string; oauthUrl: string }) =>
      `Neither ${facts.oidcUrl} nor ${facts.oauthUrl} exists (both answered 404).`,
    fix: "Check the issuer URL (some providers include a path such as /realms/<name> or /<tenant>/v2.0), or enter the endpoints manually.",
  },
  // The guarded fetch never follows a redirect off the issuer's origin (the document's issuer must match it, RFC 8414 §3.3).
  discovery_moved: {
    code: "discovery_moved",
    title: "Discovery document moved to another origin",
    cause: (facts: { from: string; status: string; to: string }) =>
      `${facts.from} answered ${facts.status} with a redirect to ${facts.to}, on another origin than the issuer. Handshake follows redirects on the issuer's origin only.`,
    fix: (facts: { to: string }) =>
      `If ${facts.to} belongs to your provider, use it as the issuer URL and import again.`,
  },
  // OIDC Discovery §4.3, RFC 8414 §3.3: the document's issuer must equal the URL it came from.
  discovery_issuer_mismatch: {
    code: "issuer_mismatch",
    title: "Issuer mismatch",
    cause: `The discovery document names a different issuer than the URL it was fetched from. ${ISSUERS_MUST_MATCH}`,
    fix: (facts: { actual: string }) =>
      `Set the issuer URL to exactly “${facts.actual}” if that is the provider you meant, then import the discovery document again.`,
  },
  missing_endpoint: {
    code: "missing_endpoint",
    title: "Endpoint missing",
    cause: (facts: { attribute: string }) =>
      `The connection has no valid ${facts.attribute} (it was neither configured nor found in the provider's discovery document).`,
    fix: (facts: { attribute: string }) =>
      `Enter the ${facts.attribute.replace(/_/g, " ")} URL on the connection's Endpoints step.`,
  },
  // A scheduled check fetches the key set ID tokens are verified with (RFC 7517 §5: a JSON object with "keys").
  jwks_unreachable: {
    code: "jwks_unreachable",
    title: "Key set (JWKS) unreachable",
    cause: (facts: { url: string; answer: string }) =>
      `The provider's key set at ${facts.url} ${facts.answer}, so ID tokens it signs cannot be verified.`,
    fix: "Check the JWKS URL on the connection's Endpoints step (or import the discovery document again), and whether the provider is up.",
  },
} satisfies Catalogue;
