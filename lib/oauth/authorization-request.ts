/**
 * How the authorization request reaches the provider: as plain query parameters, as a signed
 * request object (JAR, RFC 9101), pushed to the PAR endpoint first (RFC 9126), or both (the request
 * object is pushed). The decision follows the profile's request options and what discovery says;
 * the PAR call goes through the protocol client, so the guarded fetch, the trace and the client
 * authentication apply to it as to a token request.
 */
import * as oc from "openid-client";
import { decodeJwt } from "jose";
import type { ProtocolClient } from "@/lib/oauth/client-config";
import type { RequestOptions } from "@/lib/oauth/client-profile";
import type { ProviderMetadata } from "@/lib/oauth/protocol-types";
import { describeClientAssertion } from "@/lib/oauth/client-assertion-trace";
import { importSigningKey } from "@/lib/oauth/client-auth/private-key-jwt";
import { safeText } from "@/lib/oauth/redact";
import type { TraceRecorder } from "@/lib/oauth/trace";
import { AUTHORIZATION_DIAGNOSES } from "@/lib/diagnosis/authorization";
import { diagnoseRequestSecurityRefusal } from "@/lib/diagnosis/classify-request-security";
import { DiagnosedError, diagnosisFrom, fixedDiagnosis } from "@/lib/diagnosis/diagnosis";

/** Whether the request is pushed and/or signed, and why (shown in the trace). */
export type AuthorizationRequestPlan = { par: boolean; jar: boolean; reasons: string[] };

export function offersPar(metadata: ProviderMetadata): boolean {
  return typeof metadata.pushed_authorization_request_endpoint === "string";
}

/**
 * PAR when the mode is Always, or When required and the provider requires it (discovery's
 * require_pushed_authorization_requests, or `parRequired` learned from its refusal of a plain
 * request); JAR when the connection asks for it or discovery's require_signed_request_object.
 */
export function planAuthorizationRequest(
  options: RequestOptions,
  metadata: ProviderMetadata,
  learned: { parRequired?: boolean } = {},
): AuthorizationRequestPlan {
  const reasons: string[] = [];
  let par = false;
  if (options.par === "ALWAYS") {
    par = true;
    reasons.push("PAR: the connection sends every authorization request through the PAR endpoint (Always).");
  } else if (options.par === "WHEN_REQUIRED" && metadata.require_pushed_authorization_requests === true) {
    par = true;
    reasons.push("PAR: the provider's discovery says require_pushed_authorization_requests (RFC 9126 §5).");
  } else if (options.par === "WHEN_REQUIRED" && learned.parRequired) {
    par = true;
    reasons.push("PAR: the provider refused the plain request because it requires PAR for this client.");
  }
  let jar = false;
  if (options.jar) {
    jar = true;
    reasons.push("JAR: the connection signs its authorization requests.");
  } else if (metadata.require_signed_request_object === true) {
    jar = true;
    reasons.push("JAR: the provider's discovery says require_signed_request_object (RFC 9101 §10.5).");
  }
  return { par, jar, reasons };
}

/**
 * The URL the browser is sent to. With JAR the parameters travel in a request object signed with
 * the connection's key; with PAR they are pushed (with client authentication) and the browser gets
 * only client_id and request_uri (RFC 9126 §4).
 */
export async function buildPlannedAuthorizationUrl(
  client: ProtocolClient,
  options: RequestOptions,
  plan: AuthorizationRequestPlan,
  parameters: Record<string, string>,
  trace: TraceRecorder,
  purpose: "request" | "probe" = "request",
): Promise<URL> {
  let sent = parameters;
  let url: URL | undefined;
  if (plan.jar) {
    const key = options.requestObjectKey;
    if (!key) throw new DiagnosedError(fixedDiagnosis(AUTHORIZATION_DIAGNOSES.jar_key_missing));
    url = await trace.step("request_object", "Signed request object (JAR, RFC 9101)", async (step) => {
      const signed = await oc.buildAuthorizationUrlWithJAR(client.configuration, parameters, {
        key: await importSigningKey(key),
        kid: key.kid,
      });
      const view = describeRequestObject(signed.searchParams.get("request") ?? "");
      if (view) step.details.request_object = view;
      step.details.signed_with = `the connection's private key with kid ${key.kid} (${key.alg}); its public key is in the connection's JWKS`;
      step.details.signature = "not shown";
      return signed;
    });
    sent = Object.fromEntries(url.searchParams);
  }
  if (plan.par) {
    const title =
      purpose === "probe"
        ? "Probe: the same request pushed to the PAR endpoint (RFC 9126)"
        : "Pushed authorization request (PAR, RFC 9126)";
    url = await trace.step("pushed_authorization_request", title, (step) =>
      pushAuthorizationRequest(client, sent, step.details),
    );
  }
  return url ?? oc.buildAuthorizationUrl(client.configuration, sent);
}

async function pushAuthorizationRequest(
  client: ProtocolClient,
  parameters: Record<string, string>,
  details: Record<string, unknown>,
): Promise<URL> {
  const endpoint = client.configuration.serverMetadata().pushed_authorization_request_endpoint;
  if (!endpoint) throw new DiagnosedError(fixedDiagnosis(AUTHORIZATION_DIAGNOSES.par_endpoint_unknown));
  details.endpoint = endpoint;
  try {
    const url = await oc.buildAuthorizationUrlWithPAR(client.configuration, parameters);
    details.request_uri = url.searchParams.get("request_uri") ?? "none";
    details.browser_gets = "client_id and request_uri only; the parameters stay between Handshake and the provider";
    return url;
  } catch (error) {
    throw parRefusal(error) ?? error;
  }
}

function parRefusal(error: unknown): DiagnosedError | undefined {
  if (!(error instanceof oc.ResponseBodyError)) return undefined;
  const description = error.error_description;
  const said = description ? ` The provider said: “${safeText(description)}”` : "";
  const details: Record<string, string> = { status: String(error.status), error: safeText(error.error, 100) ?? "" };
  if (description) details.error_description = safeText(description) ?? "";
  if (["invalid_client", "unauthorized_client", "access_denied"].includes(error.error)) {
    const facts = { said, status: details.status!, error: details.error! };
    return new DiagnosedError(diagnosisFrom(AUTHORIZATION_DIAGNOSES.par_refused, facts, { details }));
  }
  const known = diagnoseRequestSecurityRefusal(error.error, description, said, details);
  return known ? new DiagnosedError(known) : undefined;
}

// Authorization parameters shown from a request object besides the assertion-like claims; state,
// nonce and the PKCE challenge are left out (they are in the authorization request step, shortened).
const SHOWN_REQUEST_CLAIMS = ["client_id", "response_type", "redirect_uri", "scope", "code_challenge_method"] as const;

/** A request object's header and claims for the trace, never its signature (see client-assertion-trace.ts). */
export function describeRequestObject(jwt: string): Record<string, unknown> | undefined {
  const view = describeClientAssertion(jwt);
  if (!view) return undefined;
  const raw = decodeJwt(jwt);
  const claims: Record<string, string | number> = { ...view.claims };
  for (const name of SHOWN_REQUEST_CLAIMS) {
    const value = safeText(raw[name], 500);
    if (value !== undefined) claims[name] = value;
  }
  return { header: view.header, claims, claim_names: Object.keys(raw).sort().join(", ") };
}
