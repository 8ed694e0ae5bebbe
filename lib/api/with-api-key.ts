/**
 * The one gate every /api/v1 route goes through (in the spirit of dub's withWorkspace): the API
 * key from `Authorization: Bearer` (RFC 6750 §2.1), the key's rate limit, the permission the route
 * needs, a request id, the audit actor "API key <name>", and every refusal as an RFC 9457 problem
 * with a stable type. A refused call of a recognised key shows on the key's page.
 */
import { randomUUID } from "node:crypto";
import { prisma as db } from "@/lib/db/prisma";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import {
  checkApiKeyRow,
  hashFromAuthorization,
  loadApiKeyRow,
  type ApiKeyRefusal,
  type ApiKeyRow,
  type AuthenticatedApiKey,
} from "@/lib/api-keys/authenticate-api-key";
import type { ApiPermission } from "@/lib/api-keys/permissions";
import { consumeRateLimit } from "@/lib/api-keys/rate-limit";
import { recordRefusedCall } from "@/lib/api-keys/usage-recorder";
import { requestContextFrom, type RequestContext } from "@/lib/http/request-context";
import { ApplicationError } from "@/lib/errors/application-error";
import { problemOf, problemResponse, problemTypeUri } from "@/lib/errors/problem-details";
import { TokenApiProblem } from "@/lib/tokens/problem-response";

export const REQUEST_ID_HEADER = "X-Request-Id";
/** A caller's own request id is echoed when it is a plain token of sensible length; otherwise one is made. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

const KEY_REFUSALS: Record<ApiKeyRefusal, string> = {
  missing: "Send an API key as Authorization: Bearer <key>. Admins create keys on the API keys page.",
  malformed: "The API key is not a Handshake key (hsk_…) or was truncated.",
  unknown: "The API key is not known.",
  revoked: "The API key was revoked.",
  expired: "The API key has expired.",
};

export type ApiCall<P, L> = {
  request: Request;
  url: URL;
  params: P;
  key: AuthenticatedApiKey;
  /** Who the audit trail names for what this call changes. */
  actor: AuditActor;
  context: RequestContext;
  requestId: string;
  /** What the route's own loader read together with the key (nothing for the default loader). */
  loaded: L;
};

type Loader<P, L> = (input: { keyHash: string; url: URL; params: P }) => Promise<{ key: ApiKeyRow | null; loaded: L }>;

export type GateOptions<P, L> = {
  /** "any": every valid key (the OpenAPI document, which describes what a key could do). */
  permission: ApiPermission | "any";
  /**
   * Reads the key by its hash together with what the route needs, in one query: the token route's
   * hot path (lib/tokens/read-token-request.ts). Routes without one read the key alone.
   */
  load?: Loader<P, L>;
};

export type GatedRoute<P> = (
  request: Request,
  route: { params: P | Promise<P> },
  context?: RequestContext,
) => Promise<Response>;

export function withApiKey<P, L = undefined>(
  options: GateOptions<P, L>,
  handler: (call: ApiCall<P, L>) => Promise<Response>,
): GatedRoute<P> {
  const load: Loader<P, L> =
    options.load ?? (async ({ keyHash }) => ({ key: await loadApiKeyRow(db, keyHash), loaded: undefined as L }));
  return async (request, route, context = requestContextFrom(request.headers)) => {
    const url = new URL(request.url);
    const callerId = request.headers.get(REQUEST_ID_HEADER);
    const requestId = callerId && CALLER_REQUEST_ID.test(callerId) ? callerId : randomUUID();
    // Set once the key is recognised (its hash found), so a refused call shows on the key's page.
    let apiKeyId: string | undefined;
    let response: Response;
    try {
      const parsed = hashFromAuthorization(request.headers.get("authorization"));
      if (!parsed.ok) throw keyRefusal(parsed.reason);
      const params = await route.params;
      const read = await load({ keyHash: parsed.hash, url, params });
      const check = checkApiKeyRow(read.key, parsed.hash);
      if (check.ok || check.reason === "revoked" || check.reason === "expired") apiKeyId = read.key?.id;
      if (!check.ok) throw keyRefusal(check.reason);
      const key = check.key;
      const limit = await consumeRateLimit(db, key);
      if (!limit.ok) {
        throw new TokenApiProblem("rate-limited", `This key may make ${limit.limit} requests per minute.`, {
          retryAfterSeconds: limit.retryAfterSeconds,
        });
      }
      if (options.permission !== "any" && !key.permissions.includes(options.permission)) {
        throw new TokenApiProblem(
          "missing-permission",
          `The key “${key.name}” lacks the ${options.permission} permission this request needs. An admin creates a key with it.`,
        );
      }
      const actor: AuditActor = { id: null, email: apiKeyActorName(key), role: "API_KEY", ...context };
      response = await handler({ request, url, params, key, actor, context, requestId, loaded: read.loaded });
    } catch (error) {
      if (!(error instanceof ApplicationError)) throw error;
      if (apiKeyId) {
        const { body } = problemOf(error);
        recordRefusedCall(db, {
          apiKeyId,
          status: body.status,
          type: body.type.slice(problemTypeUri("").length),
          detail: error.message,
          ip: context.ip,
          userAgent: context.userAgent,
        });
      }
      response = problemResponse(error, url.pathname);
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };
}

/** How the audit trail and a connection's health name a key: its name and its recognisable prefix. */
export function apiKeyActorName(key: Pick<AuthenticatedApiKey, "name" | "displayPrefix">): string {
  return `API key ${key.name} (${key.displayPrefix}…)`;
}

function keyRefusal(reason: ApiKeyRefusal): TokenApiProblem {
  return new TokenApiProblem("invalid-api-key", KEY_REFUSALS[reason], {
    challengeError: reason === "missing" ? undefined : "invalid_token",
  });
}
