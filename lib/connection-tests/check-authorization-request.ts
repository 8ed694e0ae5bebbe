/**
 * The authorization request on its way to the browser: built as the connection's request options
 * say (plain, JAR, PAR; lib/oauth/authorization-request.ts), then checked at the provider from the
 * server. A provider that requires PAR for this client (RFC 9126 §5, often only per client, not in
 * discovery) refuses the plain request: with PAR "When the provider requires it" the request is
 * pushed instead; with PAR Off a probe pushes it and, when accepted, offers that setting as the fix.
 */
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import type { ClientSetup } from "@/lib/oauth/client-config";
import type { RequestOptions } from "@/lib/oauth/client-profile";
import { buildPlannedAuthorizationUrl, offersPar, planAuthorizationRequest } from "@/lib/oauth/authorization-request";
import { safeText } from "@/lib/oauth/redact";
import type { ActiveStep, TraceRecorder } from "@/lib/oauth/trace";
import type { ConnectionSettings } from "@/lib/connections/connection-settings";
import { AUTHORIZATION_DIAGNOSES } from "@/lib/diagnosis/authorization";
import { diagnoseOAuthError } from "@/lib/diagnosis/classify-oauth-error";
import { DiagnosedError, diagnosisFrom, type DiagnosisContext } from "@/lib/diagnosis/diagnosis";
import { redirectUriMismatch } from "@/lib/diagnosis/mismatches";

type Input = {
  setup: ClientSetup;
  options: RequestOptions;
  parameters: Record<string, string>;
  trace: TraceRecorder;
  fetch: GuardedFetch;
  settings: ConnectionSettings;
  context: DiagnosisContext;
  connectionVersion: number;
};

/** The URL the browser is sent to, after the provider accepted the request (or its pushed form). */
export async function checkedAuthorizationUrl(input: Input): Promise<URL> {
  const { setup, options, parameters, trace } = input;
  const plan = planAuthorizationRequest(options, setup.metadata);
  trace.steps.at(-1)?.notes.push(...plan.reasons);
  const url = await buildPlannedAuthorizationUrl(setup.client, options, plan, parameters, trace);
  if (plan.par) {
    trace.record("authorization_check", "Authorization request checked at the provider", "skipped", {}, [
      "The PAR endpoint already checked the request (RFC 9126 §2.1); its request_uri is single use, so only the browser uses it.",
    ]);
    return url;
  }
  let parRefusal: DiagnosedError | undefined;
  await trace.step("authorization_check", "Authorization request checked at the provider", async (step) => {
    try {
      await checkAuthorizationRequest(url, input.fetch, input.settings, input.context, step);
    } catch (error) {
      const parRequired = error instanceof DiagnosedError && error.diagnosis.code === "par_required";
      if (parRequired && !offersPar(setup.metadata)) throw withoutParEndpoint(error);
      if (!parRequired || options.par === "ALWAYS") throw error;
      parRefusal = error;
      step.setStatus(options.par === "WHEN_REQUIRED" ? "warning" : "failed");
      step.details.result = "Refused: the provider requires pushed authorization requests (PAR) for this client.";
    }
  });
  if (!parRefusal) return url;
  if (options.par === "WHEN_REQUIRED") {
    trace.steps
      .at(-1)
      ?.notes.push("PAR is “When the provider requires it”: the request is pushed to the PAR endpoint.");
    const pushed = planAuthorizationRequest(options, setup.metadata, { parRequired: true });
    return buildPlannedAuthorizationUrl(setup.client, options, pushed, parameters, trace);
  }
  throw await probeWithPar(input, parRefusal);
}

/** With endpoints entered by hand Handshake does not know the PAR endpoint: the fix starts there. */
function withoutParEndpoint(refusal: DiagnosedError): DiagnosedError {
  return new DiagnosedError({
    ...refusal.diagnosis,
    fix: `Set the connection up from the provider's discovery document (Import from discovery on the Endpoints step): Handshake needs its pushed_authorization_request_endpoint. ${refusal.diagnosis.fix}`,
  });
}

/** PAR is Off and the provider requires it: push the same request once; offer the setting that worked. */
async function probeWithPar(input: Input, refusal: DiagnosedError): Promise<DiagnosedError> {
  const { setup, options, parameters, trace } = input;
  const plan = { ...planAuthorizationRequest(options, setup.metadata), par: true };
  try {
    await buildPlannedAuthorizationUrl(setup.client, options, plan, parameters, trace, "probe");
  } catch (error) {
    const showed = error instanceof DiagnosedError ? error.diagnosis.title : "refused";
    return new DiagnosedError({
      ...refusal.diagnosis,
      probes: [{ label: "Pushed to the PAR endpoint", showed, gotToken: false }],
    });
  }
  return new DiagnosedError({
    ...refusal.diagnosis,
    probes: [
      { label: "Pushed to the PAR endpoint", showed: "accepted: the provider issued a request_uri", gotToken: false },
    ],
    suggestion: {
      action: "set PAR to “When the provider requires it”",
      change: { parMode: "WHEN_REQUIRED" },
      connectionVersion: input.connectionVersion,
    },
  });
}

/**
 * Sends the authorization request once from the server, without cookies, before the browser goes
 * there. A provider that refuses the request (unregistered redirect URI, unknown client) shows
 * its own error page and never calls back; this check turns that page into a diagnosis. The page
 * body is only searched for known error codes, never stored or shown.
 */
async function checkAuthorizationRequest(
  url: URL,
  fetch: GuardedFetch,
  settings: ConnectionSettings,
  context: DiagnosisContext,
  step: ActiveStep,
): Promise<void> {
  const response = await fetch(url.href, { method: "GET", headers: { accept: "text/html" } });
  const status = response.status;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location");
    const target = location && URL.canParse(location, url) ? new URL(location, url) : undefined;
    if (target && `${target.origin}${target.pathname}` === settings.callbackUrl) {
      const error = target.searchParams.get("error");
      if (error)
        throw new DiagnosedError(
          diagnoseOAuthError(error, target.searchParams.get("error_description") ?? undefined, context, {
            status,
            source: "the provider's redirect",
          }),
        );
      step.note("The provider redirected straight back without a sign-in (the code of this check is discarded).");
    }
    step.details.result = "Accepted: the provider continues to its sign-in page.";
    return;
  }
  if (status < 300) {
    step.details.result = "Accepted: the provider shows a page to the user.";
    return;
  }

  const contentType = safeText(response.headers.get("content-type") ?? "none", 100) ?? "none";
  const text = (await response.text())
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .slice(0, 50_000);
  const details = { status: String(status), contentType };
  if (
    /\b(invalid_redirect_uri|redirect_uri_mismatch)\b/i.test(text) ||
    (/redirect[ _-]?ur[il]|reply url|callback url/i.test(text) && /match|regist|invalid|not allowed/i.test(text))
  ) {
    throw new DiagnosedError(redirectUriMismatch(context, details));
  }
  const code =
    /\b(invalid_client|unauthorized_client|unsupported_response_type|invalid_scope|invalid_target|invalid_request|access_denied|server_error|temporarily_unavailable)\b/.exec(
      text,
    )?.[1];
  if (code === "invalid_client") {
    throw new DiagnosedError(
      diagnosisFrom(AUTHORIZATION_DIAGNOSES.unknown_client, { status: String(status) }, { details }),
    );
  }
  if (code === "unauthorized_client" || code === "unsupported_response_type") {
    throw new DiagnosedError(
      diagnosisFrom(
        AUTHORIZATION_DIAGNOSES.code_flow_not_allowed,
        { status: String(status), error: code },
        { details },
      ),
    );
  }
  if (code) {
    const diagnosis = diagnoseOAuthError(code, undefined, context, { status });
    throw new DiagnosedError({ ...diagnosis, details: { ...diagnosis.details, ...details } });
  }
  throw new DiagnosedError(
    diagnosisFrom(
      AUTHORIZATION_DIAGNOSES.authorization_request_refused,
      { status: String(status), contentType, callbackUrl: settings.callbackUrl },
      { details },
    ),
  );
}
