/**
 * Which variants of a refused token request are worth trying, in order, within the cap: the
 * other Basic encoding, the other secret-based method when the provider allows it (or does not
 * say), then the scope. One configured scope is left out; of several, one at a time is left out
 * (the one added since the last good test first), so a single refused scope does not cost the
 * others; an advertised scope is added when none is configured.
 * Budget: at most MAX_PROBES requests in all. When the provider named the scope as the problem
 * (invalid_scope) they all go to scopes; otherwise the client authentication variants come first.
 * Pure: the runner (run-token-probes.ts) sends them.
 */
import {
  describeClientAuth,
  probeAlternatives,
  type ClientAuthChoice,
} from "@/lib/oauth/client-auth/client-auth-methods";
import type { SuggestedChange } from "@/lib/diagnosis/diagnosis";

export const MAX_PROBES = 4;

/**
 * What a probe changes in the request: undefined scope = as configured, null = no scope.
 * `leftOut` names the one scope a per-scope probe leaves out of several.
 */
export type ProbeVariant = {
  auth: ClientAuthChoice;
  scope?: string | null;
  leftOut?: string;
  label: string;
  tokenEndpoint?: string;
};

/**
 * The token endpoint with a trailing slash, worth one probe when the endpoint without it failed
 * with a server error (5xx): some servers serve the endpoint only under the slash.
 */
export function trailingSlashTwin(tokenEndpoint: string | undefined, status: string | undefined): string | undefined {
  if (!tokenEndpoint || !URL.canParse(tokenEndpoint) || !(Number(status) >= 500)) return undefined;
  const url = new URL(tokenEndpoint);
  if (url.pathname.endsWith("/")) return undefined;
  url.pathname = `${url.pathname}/`;
  return url.href;
}

// Scopes of OpenID Connect itself: adding one never tells whether an API scope is required.
const OIDC_SCOPES = new Set(["openid", "profile", "email", "address", "phone", "offline_access"]);

export function planProbes(input: {
  current: ClientAuthChoice;
  /** Whether the two Basic encodings differ for these credentials (else that probe is the same request). */
  encodingsDiffer: boolean;
  /** Whether the assertion's other audience form is another URL (else that probe is the same request). */
  audiencesDiffer?: boolean;
  supportedAuthMethods?: string[];
  configuredScopes: string[];
  advertisedScopes?: string[];
  /** Scope variants only make sense where the token request carries the scope (client credentials). */
  scopeProbes: boolean;
  /** The scopes of the connection's last successful test, if any. */
  lastGoodScopes?: string[];
  /** The provider said the scope is the problem (invalid_scope). */
  scopeRefused?: boolean;
}): ProbeVariant[] {
  const { current } = input;
  const allows = (method: string) =>
    !input.supportedAuthMethods ||
    input.supportedAuthMethods.length === 0 ||
    input.supportedAuthMethods.includes(method);
  const authVariants = probeAlternatives(current, {
    encodingsDiffer: input.encodingsDiffer,
    audiencesDiffer: input.audiencesDiffer,
    allows,
  });
  const variants: ProbeVariant[] = authVariants.map((auth) => ({ auth, label: `with ${describeClientAuth(auth)}` }));

  const scopeVariants = input.scopeProbes
    ? planScopeProbes(input.configuredScopes, input.advertisedScopes, input.lastGoodScopes, [current, ...authVariants])
    : [];
  return (input.scopeRefused && scopeVariants.length > 0 ? scopeVariants : [...variants, ...scopeVariants]).slice(
    0,
    MAX_PROBES,
  );
}

function planScopeProbes(
  configured: string[],
  advertised: string[] | undefined,
  lastGood: string[] | undefined,
  auths: ClientAuthChoice[],
): ProbeVariant[] {
  const current = auths[0]!;
  if (configured.length > 1) {
    const added = lastGood ? configured.filter((s) => !lastGood.includes(s)) : [];
    const order = [...added, ...configured.filter((s) => !added.includes(s))];
    return order.map((leftOut) => ({
      auth: current,
      scope: configured.filter((s) => s !== leftOut).join(" "),
      leftOut,
      label: `without the scope ${leftOut}${added.includes(leftOut) ? " (added since the last good test)" : ""}, ${describeClientAuth(current)}`,
    }));
  }
  const scope: string | null | undefined = configured.length > 0 ? null : advertised?.find((s) => !OIDC_SCOPES.has(s));
  if (scope === undefined) return [];
  const scopeLabel =
    scope === null ? `without the scope ${configured.join(" ")}` : `with the advertised scope ${scope}`;
  const leftOut = scope === null ? configured[0] : undefined;
  return auths.map((auth) => ({ auth, scope, leftOut, label: `${scopeLabel}, ${describeClientAuth(auth)}` }));
}

/** The change to the connection that a working variant stands for. */
export function changeFor(variant: ProbeVariant, current: ClientAuthChoice): SuggestedChange {
  const change: SuggestedChange = {};
  if (
    variant.auth.method !== current.method ||
    (variant.auth.method === "client_secret_basic" &&
      current.method === "client_secret_basic" &&
      variant.auth.encoding !== current.encoding)
  ) {
    // A one-click fix switches between the secret methods only (apply-test-fix.ts).
    if (variant.auth.method === "client_secret_basic" || variant.auth.method === "client_secret_post")
      change.clientAuthMethod = variant.auth.method;
    if (variant.auth.method === "client_secret_basic") change.basicAuthEncoding = variant.auth.encoding;
  }
  if ("audience" in variant.auth && "audience" in current && variant.auth.audience !== current.audience)
    change.clientAssertionAudience = variant.auth.audience;
  if (variant.scope === null) change.scopes = [];
  else if (typeof variant.scope === "string") change.scopes = variant.scope.split(" ");
  return change;
}

/** One sentence for the diagnosis title, the button and the audit trail. */
export function describeChange(change: SuggestedChange, leftOut?: string): { finding: string; action: string } {
  const parts: string[] = [];
  const actions: string[] = [];
  if (change.clientAuthMethod === "client_secret_post") {
    parts.push("with client_secret_post");
    actions.push("switch to client_secret_post");
  } else if (change.clientAuthMethod === "client_secret_basic") {
    const plain = change.basicAuthEncoding === "plain";
    parts.push(
      plain
        ? "with client_secret_basic and plain (RFC 7617) Basic credentials"
        : "with client_secret_basic and form-encoded (RFC 6749 §2.3.1) Basic credentials",
    );
    actions.push(plain ? "switch to plain Basic credentials" : "switch to form-encoded Basic credentials");
  }
  if (change.clientAssertionAudience) {
    const audience = change.clientAssertionAudience === "issuer" ? "the issuer" : "the token endpoint URL";
    parts.push(`with ${audience} as the assertion's audience`);
    actions.push(`set Assertion audience to ${audience}`);
  }
  if (change.scopes) {
    parts.push(change.scopes.length === 0 ? "without a scope" : `with the scope ${change.scopes.join(" ")}`);
    if (leftOut) actions.push(`remove the scope ${leftOut}`);
    else
      actions.push(change.scopes.length === 0 ? "remove the scopes" : `set the scopes to ${change.scopes.join(" ")}`);
  }
  return { finding: `The provider accepts these credentials ${parts.join(" and ")}`, action: actions.join(" and ") };
}
