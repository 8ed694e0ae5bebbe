/**
 * Differential diagnosis: when the token endpoint refuses the configured request without a usable
 * explanation (or with one that does not fit), send a few variants to the SAME token endpoint and
 * report what each showed. A variant that gets a token becomes the diagnosis, with the exact
 * change to the connection; the connection itself is never changed here (that takes the admin's
 * click, lib/connections/apply-test-fix.ts). Probe tokens are never stored. A server error (5xx)
 * at a token endpoint without a trailing slash first gets one probe at the same URL with it: a
 * token there names the URL to set.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { ClientSetup, ProtocolClient } from "@/lib/oauth/client-config";
import { describeClientAuth, switchReason, type ClientAuthChoice } from "@/lib/oauth/client-auth/client-auth-methods";
import { PLAIN_BASIC_REASON } from "@/lib/oauth/client-auth/client-secret-basic";
import type { TokenResponseFields } from "@/lib/oauth/protocol-types";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import {
  diagnosisFrom,
  type Diagnosis,
  type DiagnosisContext,
  type ProbeReport,
  type SuggestedChange,
} from "@/lib/diagnosis/diagnosis";
import { RESPONSE_DIAGNOSES } from "@/lib/diagnosis/response";
import { ASSERTION_METHODS, assertionRefusedWithBothAudiences } from "@/lib/diagnosis/client-assertion";
import {
  changeFor,
  describeChange,
  MAX_PROBES,
  planProbes,
  trailingSlashTwin,
  type ProbeVariant,
} from "@/lib/connection-tests/probes/probe-plan";
import type { TraceRecorder } from "@/lib/oauth/trace";

/** Refusals that do not say what is wrong, or may be about how the client authenticated. */
const PROBE_TRIGGERS = new Set([
  "refused_without_reason",
  "invalid_client",
  "unauthorized_client",
  "invalid_scope",
  "invalid_request",
  "provider_error",
  "non_standard_error",
  "assertion_audience_refused",
]);

/** Sends the grant request with another client authentication and, undefined = configured, null = no scope. */
export type ProbeAttempt = (client: ProtocolClient, scope: string | null | undefined) => Promise<TokenResponseFields>;

export function shouldProbe(diagnosis: Diagnosis, setup: ClientSetup | undefined): setup is ClientSetup {
  return Boolean(setup && (authProbesApply(diagnosis, setup) || slashTwinOf(diagnosis, setup)));
}

function authProbesApply(diagnosis: Diagnosis, setup: ClientSetup): boolean {
  // A signed assertion is a credential too: its probes try the other audience form.
  const credential = setup.hasSecret || ASSERTION_METHODS.has(setup.clientAuth.method);
  return Boolean(credential && setup.metadata.token_endpoint && PROBE_TRIGGERS.has(diagnosis.code));
}

function slashTwinOf(diagnosis: Diagnosis, setup: ClientSetup): string | undefined {
  return trailingSlashTwin(setup.metadata.token_endpoint, diagnosis.details?.status);
}

export async function runTokenProbes(input: {
  trace: TraceRecorder;
  setup: ClientSetup;
  connection: Connection;
  scopes: string[];
  scopeProbes: boolean;
  /** The scopes of the connection's last successful test: a scope added since is the likeliest to be refused. */
  lastGoodScopes?: string[];
  diagnosis: Diagnosis;
  context: DiagnosisContext;
  attempt: ProbeAttempt;
}): Promise<Diagnosis> {
  const { trace, setup, diagnosis } = input;
  const slashTwin = slashTwinOf(diagnosis, setup);
  const slashProbe: ProbeVariant[] = slashTwin
    ? [{ auth: setup.clientAuth, tokenEndpoint: slashTwin, label: "with the trailing slash" }]
    : [];
  const authProbes = !authProbesApply(diagnosis, setup)
    ? []
    : planProbes({
        current: setup.clientAuth,
        encodingsDiffer: setup.basicEncodingsDiffer,
        audiencesDiffer: setup.assertionAudiencesDiffer,
        supportedAuthMethods: setup.supportedAuthMethods,
        configuredScopes: input.scopes,
        advertisedScopes: Array.isArray(setup.metadata.scopes_supported) ? setup.metadata.scopes_supported : undefined,
        scopeProbes: input.scopeProbes,
        lastGoodScopes: input.lastGoodScopes,
        scopeRefused: diagnosis.code === "invalid_scope",
      });
  const variants = [...slashProbe, ...authProbes].slice(0, MAX_PROBES);
  if (variants.length === 0) return diagnosis;

  const probes: ProbeReport[] = [];
  for (const [index, variant] of variants.entries()) {
    const report = await trace.step(
      "probe",
      `Probe ${index + 1} of at most ${MAX_PROBES}: ${variant.label}`,
      async (step) => {
        step.details.endpoint = variant.tokenEndpoint ?? setup.metadata.token_endpoint;
        step.details.client_authentication = describeClientAuth(variant.auth);
        step.details.scope = variant.scope === undefined ? input.scopes.join(" ") || "none" : (variant.scope ?? "none");
        try {
          await input.attempt(setup.withClientAuth(variant.auth, variant.tokenEndpoint), variant.scope);
          step.details.showed = "a token was issued (not stored)";
          return { label: variant.label, showed: "a token was issued", gotToken: true };
        } catch (error) {
          const problem = await diagnoseError(error, input.context);
          const status = step.http[0]?.status;
          const showed = `${status ? `${status} ` : ""}${problem.details?.error ? `${problem.details.error}: ` : ""}${problem.title.toLowerCase()}`;
          step.details.showed = showed;
          step.setStatus("warning");
          return { label: variant.label, showed, gotToken: false };
        }
      },
    );
    probes.push(report);
    if (!report.gotToken) continue;
    if (variant.tokenEndpoint) {
      const facts = {
        endpoint: "token endpoint",
        status: diagnosis.details?.status ?? "an error",
        url: variant.tokenEndpoint,
        requested: setup.metadata.token_endpoint,
      };
      return {
        ...diagnosisFrom(RESPONSE_DIAGNOSES.endpoint_needs_trailing_slash, facts, {
          details: { ...diagnosis.details, configured_request: diagnosis.title },
        }),
        probes,
      };
    }
    const change = changeFor(variant, setup.clientAuth);
    const { finding, action } = describeChange(change, variant.leftOut);
    return {
      code: "works_with_change",
      title: finding,
      cause: `The configured request (${describeClientAuth(setup.clientAuth)}${input.scopes.length ? `, scope ${input.scopes.join(" ")}` : ", no scope"}) was refused: ${diagnosis.title.toLowerCase()}. The same request ${variant.label} got a token from the same token endpoint.${whyItMatters(change, variant.leftOut)}`,
      fix: `Apply the change (${action}) and test again. Nothing was changed yet; the token the probe got was not stored.`,
      details: { ...diagnosis.details, configured_request: diagnosis.title },
      probes,
      suggestion: { action, change, connectionVersion: input.connection.version },
    };
  }
  const tried = variants.filter((v) => !v.tokenEndpoint);
  if (
    tried.some(
      (v) => "audience" in v.auth && "audience" in setup.clientAuth && v.auth.audience !== setup.clientAuth.audience,
    )
  )
    return { ...assertionRefusedWithBothAudiences(input.context, diagnosis), probes };
  return {
    ...diagnosis,
    fix: tried.length ? fixWhenNoProbeWorked(diagnosis, tried, setup.clientAuth) : diagnosis.fix,
    probes,
  };
}

/**
 * Once the probes tried the other method, a fix that still says "change the method" contradicts
 * them: what is left is the secret (or the client ID), so that comes first and alone.
 */
function fixWhenNoProbeWorked(diagnosis: Diagnosis, variants: ProbeVariant[], current: ClientAuthChoice): string {
  const otherMethods = [...new Set(variants.map((v) => v.auth.method).filter((m) => m !== current.method))];
  const ruledOut: string[] = [];
  if (otherMethods.length > 0)
    ruledOut.push(`the client authentication method (${otherMethods.join(", ")} was tried too)`);
  const basicEncodings = new Set(
    [current, ...variants.map((v) => v.auth)].flatMap((auth) =>
      auth.method === "client_secret_basic" ? [auth.encoding] : [],
    ),
  );
  if (basicEncodings.size > 1) ruledOut.push("the Basic credentials encoding");
  if (variants.some((v) => v.scope !== undefined)) ruledOut.push("the scope");
  const tried = `none of the ${variants.length} probes got a token`;
  const listed =
    ruledOut.length > 1 ? `${ruledOut.slice(0, -1).join(", ")} and ${ruledOut.at(-1)}` : (ruledOut[0] ?? "the request");
  // Only a refusal of the credentials themselves points at the secret; a refused grant keeps its own fix.
  if (otherMethods.length === 0 || !["invalid_client", "refused_without_reason"].includes(diagnosis.code)) {
    return `${diagnosis.fix} The probes changed ${listed} and ${tried}, so ${ruledOut.length > 1 ? "these alone are" : "that alone is"} not the problem.`;
  }
  return `Re-enter the client secret (copy it again from the provider): the probes ruled out ${listed}, since ${tried}. If the secret is right, check the client ID and that the client is enabled at the provider.`;
}

function whyItMatters(change: SuggestedChange, leftOut?: string): string {
  if (change.clientAssertionAudience)
    return ` The provider takes only ${change.clientAssertionAudience === "issuer" ? "the issuer" : "the token endpoint URL"} as the assertion's audience (RFC 7523 §3 item 3; Okta, for one, wants the exact token endpoint URL).`;
  if (change.basicAuthEncoding === "plain") return PLAIN_BASIC_REASON;
  if (change.clientAuthMethod) return switchReason(change.clientAuthMethod);
  if (leftOut && change.scopes?.length)
    return ` The provider refuses the scope ${leftOut} for this client and grants the others.`;
  if (change.scopes?.length) return " The provider requires a scope for this grant.";
  if (change.scopes) return " The provider refuses the configured scope for this client.";
  return "";
}
