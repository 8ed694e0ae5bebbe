/**
 * The token API's refusals: each an ApplicationError with one of the API's documented problem
 * types (lib/tokens/token-api-schemas.ts) and its headers; lib/errors/problem-details.ts answers with it.
 */
import { ApplicationError, type ProblemFacts } from "@/lib/errors/application-error";
import { PROBLEM_TYPES, type ProblemType } from "@/lib/tokens/token-api-schemas";

type ProblemExtra = {
  retryAfterSeconds?: number;
  connectionId?: string;
  authorizeUrl?: string;
  challengeError?: string;
};

export class TokenApiProblem extends ApplicationError {
  override readonly problem: ProblemFacts;

  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    extra: ProblemExtra = {},
  ) {
    super(detail);
    this.problem = {
      name: type,
      ...PROBLEM_TYPES[type],
      extensions: extensionsOf(extra),
      headers: headersOf(type, extra),
    };
  }
}

function extensionsOf(extra: ProblemExtra): Record<string, unknown> {
  return {
    ...(extra.connectionId ? { connection_id: extra.connectionId } : {}),
    ...(extra.authorizeUrl ? { authorize_url: extra.authorizeUrl } : {}),
    ...(extra.retryAfterSeconds !== undefined ? { retry_after: extra.retryAfterSeconds } : {}),
  };
}

function headersOf(type: ProblemType, extra: ProblemExtra): Record<string, string> {
  const headers: Record<string, string> = {};
  if (extra.retryAfterSeconds !== undefined) headers["Retry-After"] = String(extra.retryAfterSeconds);
  if (type === "invalid-api-key") {
    // RFC 6750 §3: a missing credential gets the bare challenge, a bad one error="invalid_token".
    headers["WWW-Authenticate"] =
      `Bearer realm="handshake-token-api"${extra.challengeError ? `, error="${extra.challengeError}"` : ""}`;
  }
  return headers;
}
