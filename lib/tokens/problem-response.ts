/** RFC 9457 problem responses of the token API, each with its stable type URI and headers. */
import { PROBLEM_TYPES, problemTypeUri, type Problem, type ProblemType } from "@/lib/tokens/token-api-schemas";

export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

export class TokenApiProblem extends Error {
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extra: { retryAfterSeconds?: number; connectionId?: string; authorizeUrl?: string; challengeError?: string } = {},
  ) {
    super(detail);
    this.name = "TokenApiProblem";
  }
}

export function problemResponse(problem: TokenApiProblem, instance?: string): Response {
  const { status, title } = PROBLEM_TYPES[problem.type];
  const body: Problem = { type: problemTypeUri(problem.type), title, status, detail: problem.detail };
  if (instance) body.instance = instance;
  if (problem.extra.connectionId) body.connection_id = problem.extra.connectionId;
  if (problem.extra.authorizeUrl) body.authorize_url = problem.extra.authorizeUrl;
  const headers: Record<string, string> = { ...NO_STORE, "Content-Type": "application/problem+json" };
  if (problem.extra.retryAfterSeconds !== undefined) {
    body.retry_after = problem.extra.retryAfterSeconds;
    headers["Retry-After"] = String(problem.extra.retryAfterSeconds);
  }
  if (problem.type === "invalid-api-key") {
    // RFC 6750 §3: a missing credential gets the bare challenge, a bad one error="invalid_token".
    const error = problem.extra.challengeError;
    headers["WWW-Authenticate"] = `Bearer realm="handshake-token-api"${error ? `, error="${error}"` : ""}`;
  }
  return new Response(JSON.stringify(body), { status, headers });
}
