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
    // A DPoP-bound token would need a proof; Handshake sends Bearer tokens only (RFC 6750 §2.1).
    const response = await fetch(connection.apiCheckUrl, {
      method,
      headers: { authorization: `Bearer ${token.accessToken}`, accept: "application/json" },
    });
    check.durationMs = Date.now() - started;
    check.status = response.status;
    response.headers.forEach((value, name) => {
      if (SHOWN_HEADERS.has(name)) check.headers[name] = safeText(value, 300) ?? "";
    });
    check.ok = response.status === check.expectedStatus;
    step.details.status = String(response.status);
    if (!check.ok) throw new DiagnosedError(apiCheckFailed(check));
  });
}

/** Connect my account: the user's own token is not sent to the API check, and the trace says so. */
export function skipApiCheck(trace: TraceRecorder, connection: Connection & { apiCheckUrl: string }): void {
  trace.record("api_check", `API check: ${connection.apiCheckUrl}`, "skipped", {}, [
    "Not run when a user connects their own account: a user's own token is only sent to the provider that issued it. An admin's test runs the check.",
  ]);
}

function apiCheckFailed(check: ApiCheckResult): ConstructorParameters<typeof DiagnosedError>[0] {
  const refused = check.status === 401 || check.status === 403;
  const challenge = check.headers["www-authenticate"];
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
