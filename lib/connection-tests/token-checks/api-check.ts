/**
 * The optional API check: after a test got a token, call the admin's API URL with it (through the
 * guarded fetch) and compare the status with the expected one. Success then means the token works
 * at the API, not only at the token endpoint. Only whitelisted response headers are kept; the
 * body is never copied.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";
import { API_CHECK_METHODS } from "@/lib/connections/connection-options";
import { DiagnosedError } from "@/lib/diagnosis/diagnosis";
import { safeText } from "@/lib/oauth/redact";
import type { TraceRecorder } from "@/lib/oauth/trace";
import { createDpopProof, type DpopKey } from "@/lib/oauth/dpop";
import { DPOP_NONCE_RETRY_NOTE, dpopProofNote } from "@/lib/oauth/dpop-client";
import { diagnosisFrom } from "@/lib/diagnosis/diagnosis";
import { DPOP_DIAGNOSES } from "@/lib/diagnosis/dpop";

export type ApiCheckResult = {
  url: string;
  method: string;
  expectedStatus: number;
  status?: number;
  durationMs: number;
  headers: Record<string, string>;
  ok: boolean;
};

const SHOWN_HEADERS = new Set([
  "content-type",
  "www-authenticate",
  "cache-control",
  "retry-after",
  "date",
  "x-request-id",
  "request-id",
  "x-correlation-id",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
]);

export function wantsApiCheck(connection: Connection): connection is Connection & { apiCheckUrl: string } {
  return Boolean(connection.apiCheckUrl);
}

/** Runs the check as a trace step; a status other than the expected one throws a diagnosis. */
export async function runApiCheck(
  trace: TraceRecorder,
  fetch: GuardedFetch,
  connection: Connection & { apiCheckUrl: string },
  token: { accessToken: string; tokenType: string },
  result: { apiCheck?: ApiCheckResult },
  dpop?: DpopKey,
): Promise<void> {
  const method = (API_CHECK_METHODS as readonly string[]).includes(connection.apiCheckMethod)
    ? connection.apiCheckMethod
    : "GET";
  const check: ApiCheckResult = {
    url: connection.apiCheckUrl,
    method,
    expectedStatus: connection.apiCheckStatus,
    durationMs: 0,
    headers: {},
    ok: false,
  };
  result.apiCheck = check;
  await trace.step("api_check", `API check: ${method} ${connection.apiCheckUrl}`, async (step) => {
    step.details.expected_status = String(check.expectedStatus);
    const started = Date.now();
    const bound = Boolean(dpop) && token.tokenType.toLowerCase() === "dpop";
    // A DPoP-bound token goes with a fresh proof (RFC 9449 §7.1), else as a Bearer token (RFC 6750 §2.1).
    const send = async (nonce?: string) => {
      const headers: Record<string, string> = { accept: "application/json" };
      if (bound && dpop) {
        const proof = await createDpopProof(dpop, {
          htm: method,
          htu: connection.apiCheckUrl,
          accessToken: token.accessToken,
          nonce,
        });
        step.note(dpopProofNote(proof));
        Object.assign(headers, { authorization: `DPoP ${token.accessToken}`, dpop: proof });
      } else headers.authorization = `Bearer ${token.accessToken}`;
      return fetch(connection.apiCheckUrl, { method, headers });
    };
    let response = await send();
    const nonce = response.headers.get("dpop-nonce");
    // RFC 9449 §9: a resource server's nonce demand is answered by one retry with its nonce.
    if (
      bound &&
      response.status === 401 &&
      nonce &&
      /use_dpop_nonce/.test(response.headers.get("www-authenticate") ?? "")
    ) {
      step.note(DPOP_NONCE_RETRY_NOTE);
      response = await send(nonce);
    }
    check.durationMs = Date.now() - started;
    check.status = response.status;
    response.headers.forEach((value, name) => {
      if (SHOWN_HEADERS.has(name)) check.headers[name] = safeText(value, 300) ?? "";
    });
    check.ok = response.status === check.expectedStatus;
    step.details.status = String(response.status);
    if (!check.ok) throw new DiagnosedError(apiCheckFailed(check, bound));
  });
}

/** Connect my account: the user's own token is not sent to the API check, and the trace says so. */
export function skipApiCheck(trace: TraceRecorder, connection: Connection & { apiCheckUrl: string }): void {
  trace.record("api_check", `API check: ${connection.apiCheckUrl}`, "skipped", {}, [
    "Not run when a user connects their own account: a user's own token is only sent to the provider that issued it. An admin's test runs the check.",
  ]);
}

function apiCheckFailed(check: ApiCheckResult, bound: boolean): ConstructorParameters<typeof DiagnosedError>[0] {
  const refused = check.status === 401 || check.status === 403;
  const challenge = check.headers["www-authenticate"];
  const details = { url: check.url, status: String(check.status), "www-authenticate": challenge ?? "" };
  const said = "";
  if (challenge && /^DPoP\b/i.test(challenge)) {
    if (/use_dpop_nonce/.test(challenge)) return diagnosisFrom(DPOP_DIAGNOSES.use_dpop_nonce, { said }, { details });
    if (/invalid_dpop_proof/.test(challenge))
      return diagnosisFrom(DPOP_DIAGNOSES.invalid_dpop_proof, { said }, { details });
    if (!bound && check.status === 401)
      return diagnosisFrom(DPOP_DIAGNOSES.dpop_token_sent_as_bearer, { url: check.url, challenge }, { details });
  }
  return {
    code: "api_check_failed",
    title: refused ? "The API refused the token" : "The API check did not get the expected status",
    cause:
      `The token endpoint issued a token, but ${check.method} ${check.url} answered ${check.status} instead of ${check.expectedStatus}.` +
      (refused
        ? ` The API does not accept this token${challenge ? ` (WWW-Authenticate: ${challenge})` : ""}: it was issued for another audience or resource, lacks a scope the API needs, or is a kind of token this endpoint does not take.`
        : ""),
    fix: refused
      ? "Set the resource or audience to the API's identifier and request the scopes the API needs; check the API's documentation for the token it expects."
      : "Check the API check's URL, method and expected status on the connection.",
    details: {
      url: check.url,
      method: check.method,
      status: String(check.status),
      expected: String(check.expectedStatus),
    },
  };
}
