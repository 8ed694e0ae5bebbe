/**
 * Token: refusals of a client that authenticated with a signed assertion (private_key_jwt,
 * client_secret_jwt; RFC 7523 §3, OIDC Core §9). Providers that say why (Okta, Entra ID, Auth0,
 * Keycloak) name the key, the audience, the time claims or the algorithm in error_description;
 * others (oidc-provider among them) answer only "client authentication failed", or nothing at
 * all: then the diagnosis says what was seen and what to try, and the audience probe narrows it.
 */
import { safeText } from "@/lib/oauth/redact";
import { diagnosisFrom, type Catalogue, type Diagnosis, type DiagnosisContext } from "@/lib/diagnosis/diagnosis";

export const ASSERTION_METHODS = new Set(["private_key_jwt", "client_secret_jwt"]);

type Facts = { said: string; method: string; key: string };

/** What proves the assertion: the registered public key, or the shared secret. */
function registration(facts: { method: string; key: string }): string {
  return facts.method === "private_key_jwt"
    ? `the public key${facts.key ? ` with kid ${facts.key}` : ""}`
    : "the client secret";
}

export const CLIENT_ASSERTION_DIAGNOSES = {
  assertion_key_unknown: {
    code: "assertion_key_unknown",
    title: "Signing key not registered at the provider",
    cause: (facts: Facts & { reason: string }) =>
      `The provider could not verify the client assertion with a key it has for this client: ${facts.reason}.${facts.said}`,
    fix: (facts: Facts) =>
      facts.method === "private_key_jwt"
        ? `Register ${registration(facts)} at the provider for this client: upload the public key (JWK or PEM) from the connection's page, or enter its JWKS URL where the provider fetches keys. If a key is registered, check it is this one (same kid and thumbprint) and that the provider has refreshed its copy of the JWKS.`
        : "Re-enter the client secret (copy it again from the provider): the assertion is signed with it (HS256), so a different secret gives a signature the provider cannot verify.",
  },
  assertion_audience_refused: {
    code: "assertion_audience_refused",
    title: "Assertion audience not accepted",
    cause: (facts: Facts & { audience: string }) =>
      `The provider refused the client assertion's audience (aud: ${facts.audience}). Providers differ: some expect the issuer, others (Okta among them) only the exact token endpoint URL the request goes to (RFC 7523 §3 item 3).${facts.said}`,
    fix: (facts: { other: string }) => `Change Assertion audience to ${facts.other} and test again.`,
  },
  assertion_clock_skew: {
    code: "assertion_clock_skew",
    title: "Assertion refused for its time claims (clock skew)",
    cause: (facts: Facts & { window: string }) =>
      `The provider refused the assertion's time claims (${facts.window}): its clock and this server's differ by more than it tolerates, or the assertion arrived after it expired (RFC 7523 §3 items 4 and 6).${facts.said}`,
    fix: "Synchronise this server's clock (NTP) and check the provider's clock; then test again. Assertions are valid for 60 seconds from iat.",
  },
  assertion_algorithm_refused: {
    code: "assertion_algorithm_refused",
    title: "Assertion algorithm not allowed",
    cause: (facts: Facts & { alg: string }) =>
      `The provider does not accept client assertions signed with ${facts.alg} for this client.${facts.said}`,
    fix: (facts: Facts) =>
      facts.method === "private_key_jwt"
        ? "Allow the key's algorithm for this client at the provider (token_endpoint_auth_signing_alg_values_supported lists what it takes), or generate a key with an algorithm it accepts (ES256, RS256 or PS256) and register it."
        : "Allow HS256 client assertions (client_secret_jwt) for this client at the provider, or choose another client authentication method.",
  },
  auth_method_not_supported: {
    code: "auth_method_not_supported",
    title: "Client authentication method not supported by the provider",
    cause: (facts: { method: string; listed: string; said: string }) =>
      `The connection authenticates with ${facts.method}, which the provider does not support${facts.listed ? `: discovery's token_endpoint_auth_methods_supported lists ${facts.listed}` : ""}.${facts.said}`,
    fix: (facts: { listed: string }) =>
      `Choose a client authentication method the provider supports${facts.listed ? ` (${facts.listed})` : ""} and register the client for it at the provider.`,
  },
  assertion_refused: {
    code: "invalid_client",
    title: "Signed assertion refused",
    cause: (facts: Facts & { seen: string }) =>
      `The provider answered ${facts.seen}, which does not say what of the assertion it refused. Likely causes, most likely first: (1) ${registration(facts)} is not the one registered for this client; (2) the provider expects the other audience (the issuer or the token endpoint URL); (3) the clocks differ by more than it tolerates; (4) it does not allow the assertion's algorithm for this client.`,
    fix: (facts: Facts) =>
      `Check ${registration(facts)} at the provider first${facts.method === "private_key_jwt" ? " (the connection's page shows it, its kid and thumbprint)" : ""}. Then switch Assertion audience to the other choice, check this server's clock, and the algorithms the client may use. The probes below try the other audience.`,
  },
} satisfies Catalogue;

const ISSUE_PATTERNS = [
  {
    issue: "method",
    pattern:
      /token_endpoint_auth_method|auth(entication)? (method|mechanism)|client_assertion_type|not (a )?supported (client )?auth/,
  },
  { issue: "clock", pattern: /\b(exp|iat|nbf)\b|expired|not yet valid|not active|future|time range|clock|too old/ },
  { issue: "audience", pattern: /\baud\b|audience/ },
  { issue: "algorithm", pattern: /\balg\b|algorithm/ },
  {
    issue: "key",
    pattern: /\bkid\b|key (was )?not found|unknown key|no (matching )?key|jwks|public key|signature|thumbprint|key ?id/,
  },
] as const;

/** Which part of the assertion a provider's description names, if any. */
export function assertionIssueOf(
  description: string | undefined,
): (typeof ISSUE_PATTERNS)[number]["issue"] | undefined {
  const text = (description ?? "").toLowerCase();
  return ISSUE_PATTERNS.find(({ pattern }) => pattern.test(text))?.issue;
}

const AUDIENCE_WORDS = { issuer: "the issuer", token_endpoint: "the token endpoint URL" } as const;

/**
 * A refused assertion, from the provider's answer: `seen` describes it (status, code, description
 * or the missing JSON body) for when the answer names no cause.
 */
export function diagnoseAssertionRefusal(
  context: DiagnosisContext,
  answer: { description?: string; seen: string; details: Record<string, string> },
): Diagnosis {
  const method = context.clientAuthMethod;
  const said = answer.description ? ` The provider said: “${safeText(answer.description)}”` : "";
  // A key left on a connection that now uses client_secret_jwt is not what signed the assertion.
  const keyed = method === "private_key_jwt";
  const facts = { said, method, key: (keyed && context.clientKeyId) || "" };
  const listed = context.supportedAuthMethods ?? [];
  const details = answer.details;
  const issue = assertionIssueOf(answer.description);
  if ((listed.length > 0 && !listed.includes(method)) || issue === "method")
    return diagnosisFrom(
      CLIENT_ASSERTION_DIAGNOSES.auth_method_not_supported,
      { method, listed: listed.join(", "), said },
      { details },
    );
  const entries = CLIENT_ASSERTION_DIAGNOSES;
  if (issue === "clock")
    return diagnosisFrom(entries.assertion_clock_skew, { ...facts, window: "iat/exp" }, { details });
  if (issue === "audience") {
    const audience = context.assertionAudience ?? "issuer";
    const other = audience === "issuer" ? "token_endpoint" : "issuer";
    return diagnosisFrom(
      entries.assertion_audience_refused,
      { ...facts, audience: AUDIENCE_WORDS[audience], other: `“${AUDIENCE_WORDS[other]}”` },
      { details },
    );
  }
  if (issue === "algorithm")
    return diagnosisFrom(
      entries.assertion_algorithm_refused,
      { ...facts, alg: keyed ? (context.clientKeyAlgorithm ?? "the key's algorithm") : "HS256" },
      { details },
    );
  if (issue === "key")
    return diagnosisFrom(
      entries.assertion_key_unknown,
      { ...facts, reason: "it does not know the key or the signature does not match it" },
      { details },
    );
  return diagnosisFrom(entries.assertion_refused, { ...facts, seen: answer.seen }, { details });
}

/**
 * The audience probe was refused too: when the provider's answer named no cause, the audience is
 * ruled out and the key (or the secret) is the likeliest cause left. A named cause keeps its diagnosis.
 */
export function assertionRefusedWithBothAudiences(context: DiagnosisContext, diagnosis: Diagnosis): Diagnosis {
  if (diagnosis.title !== CLIENT_ASSERTION_DIAGNOSES.assertion_refused.title) return diagnosis;
  const method = context.clientAuthMethod;
  const key = (method === "private_key_jwt" && context.clientKeyId) || "";
  const said = diagnosis.details?.error_description
    ? ` The provider said: “${diagnosis.details.error_description}”`
    : "";
  const entry = CLIENT_ASSERTION_DIAGNOSES.assertion_key_unknown;
  const reason = `it refused the assertion the same way with either audience (the issuer and the token endpoint URL), so the audience is not the problem; the likeliest cause left is ${method === "private_key_jwt" ? `a key it does not have for this client (kid ${key || "unknown"})` : "a client secret that differs from the one it has"} (less likely: the clocks differ, or the algorithm is not allowed for this client)`;
  return diagnosisFrom(entry, { said, method, key, reason }, { details: diagnosis.details });
}
