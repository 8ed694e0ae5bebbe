/**
 * GET /api/v1/connections/{id or name}/token, through the API gate (key, rate limit, tokens:read;
 * lib/api/with-api-key.ts): the connection, the caller's token
 * set, refreshed first when it is inside its margin, then the access token (never the refresh
 * token, ID token or client secret). Every refusal is an RFC 9457 problem with a stable type.
 */
import { prisma as db } from "@/lib/db/prisma";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getConfig } from "@/lib/config/env";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { recordTokenRead } from "@/lib/api-keys/usage-recorder";
import { withApiKey } from "@/lib/api/with-api-key";
import type { RequestContext } from "@/lib/http/request-context";
import { findOrCreateEmptyTokenSet, SHARED_OWNER } from "@/lib/tokens/token-store";
import {
  readTokenRequest,
  type ConnectionView,
  type TokenRequestRead,
  type TokenSetView,
} from "@/lib/tokens/read-token-request";
import { NO_STORE } from "@/lib/http/no-store";
import { TokenApiProblem } from "@/lib/tokens/problem-response";
import { ensureFreshTokenSet, isStillValid } from "@/lib/tokens/refresh-coordinator";
import { needsRefresh, shortLivedWarning } from "@/lib/tokens/refresh-policy";
import { NEEDS_REAUTHORIZATION } from "@/lib/tokens/save-refresh-outcome";
import { createReadCoalescer } from "@/lib/tokens/coalesce-reads";
import { processState } from "@/lib/tokens/process-state";
import { tokenQuerySchema, type tokenResponseSchema } from "@/lib/tokens/token-api-schemas";
import { assertUserTokenReadable } from "@/lib/tokens/user-token-access";
import { issuedBindingOf, tokenBindingChange, tokenBindingOf } from "@/lib/tokens/token-binding";
import type { z } from "zod";
import { loadConfigurationForRefresh } from "@/lib/connections/good-configuration";
import { dpopKeyMoved } from "@/lib/tokens/dpop-binding";

type TokenQuery = ReturnType<typeof tokenQuerySchema.safeParse>;

const placeholderWrites = processState("token-placeholder-writes", () => createReadCoalescer<TokenSetView>());

type TokenParams = { connection: string };

/** The key is read in the same query as the connection and token set: the hot path makes one query. */
const tokenRoute = withApiKey<TokenParams, { read: TokenRequestRead; query: TokenQuery }>(
  {
    permission: "tokens:read",
    load: async ({ keyHash, url, params }) => {
      const query = tokenQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      const read = await readTokenRequest({
        keyHash,
        connectionRef: params.connection,
        userEmail: query.success ? query.data.user : undefined,
      });
      return { key: read.key, loaded: { read, query } };
    },
  },
  async ({ key, actor, context, params, loaded: { read, query } }) => {
    if (!query.success)
      throw new TokenApiProblem("invalid-request", query.error.issues.map((i) => i.message).join(" "));
    const connection = allowedConnection(key, read, params.connection);
    const tokenSet = await findTokenSet(key, connection, read, query.data.user);
    return serveFreshToken({
      key,
      actor,
      connection,
      tokenSet,
      minValidSeconds: query.data.min_valid_seconds ?? 0,
      context,
    });
  },
);

export function serveTokenRequest(request: Request, connectionRef: string, context: RequestContext): Promise<Response> {
  return tokenRoute(request, { params: { connection: connectionRef } }, context);
}

export function allowedConnection(key: AuthenticatedApiKey, read: TokenRequestRead, ref: string): ConnectionView {
  const { connection } = read;
  // An unknown connection and one the key may not read get the same answer, so a key limited to
  // chosen connections learns nothing about the others, not even whether they exist.
  if (!connection || !(key.allConnections || read.granted)) {
    throw new TokenApiProblem("connection-not-found", `No connection this key may read has the id or name “${ref}”.`);
  }
  if (connection.status !== "ACTIVE" || !connection.enabled) {
    throw new TokenApiProblem(
      "connection-disabled",
      connection.enabled ? "The connection is a draft." : "The connection is disabled.",
      { connectionId: connection.id },
    );
  }
  return connection;
}

export async function findTokenSet(
  key: AuthenticatedApiKey,
  connection: ConnectionView,
  read: TokenRequestRead,
  user: string | undefined,
): Promise<TokenSetView> {
  const perUser = connection.tokenSharing === "PER_USER" && connection.grantType !== "client_credentials";
  if (perUser && !user)
    throw new TokenApiProblem(
      "invalid-request",
      "This connection is Per-user: add ?user=<email> to name whose token to return.",
    );
  if (!perUser && user)
    throw new TokenApiProblem("invalid-request", "This connection is Shared: leave out the user parameter.");
  if (user) assertUserTokenReadable(key, read, user, connection.id);
  if (user && !read.userId) throw noTokenSet(connection, `${user} has not connected an account for this connection.`);
  if (read.tokenSet) return read.tokenSet;
  // Client credentials need no one to authorize: the first caller's request fetches the first token,
  // through a placeholder row (no token, expired) so it goes through the same single refresh.
  // A burst of first callers shares one placeholder write instead of racing hundreds of inserts.
  if (connection.grantType === "client_credentials")
    return placeholderWrites(connection.id, () => findOrCreateEmptyTokenSet(connection.id, SHARED_OWNER));
  throw noTokenSet(
    connection,
    user ? `${user} has not connected an account for this connection.` : "Nobody has authorized this connection yet.",
  );
}

function noTokenSet(connection: ConnectionView, detail: string): TokenApiProblem {
  return new TokenApiProblem("no-token-set", `${detail} An admin authorizes it on the connection's page.`, {
    connectionId: connection.id,
    authorizeUrl: connectionPageUrl(connection),
  });
}

function connectionPageUrl(connection: Pick<ConnectionView, "id">): string {
  return `${getConfig().appUrl}/connections/${connection.id}`;
}

type ServeInput = {
  key: AuthenticatedApiKey;
  actor: AuditActor;
  connection: ConnectionView;
  tokenSet: TokenSetView;
  minValidSeconds: number;
  context: RequestContext;
};

async function serveFreshToken(input: ServeInput): Promise<Response> {
  const { connection, key } = input;
  let tokenSet = input.tokenSet;
  let warning: string | undefined;
  if (tokenSet.state === NEEDS_REAUTHORIZATION) {
    tokenSet = await stillValidAfterRefusal(connection, tokenSet);
    warning = refusalWarning(connection);
  } else if (
    needsRefresh(tokenSet, connection, input.minValidSeconds) ||
    tokenSet.coolDownUntil ||
    dpopKeyMoved(tokenSet, connection.dpopJkt)
  ) {
    // The flight loads the whole connection (client, endpoints, settings) once for all its callers.
    const outcome = await ensureFreshTokenSet(db, {
      connection: { id: connection.id },
      tokenSetId: tokenSet.id,
      minValidSeconds: input.minValidSeconds,
      context: { trigger: "api", actor: input.actor },
    });
    if (outcome.kind === "gone") throw noTokenSet(connection, "The token set was removed.");
    if (outcome.kind === "reauthorization-required") {
      tokenSet = await stillValidAfterRefusal(connection, outcome.tokenSet);
      warning = refusalWarning(connection);
    } else {
      tokenSet = outcome.tokenSet;
    }
    if (outcome.kind === "stale") {
      if (!isStillValid(tokenSet)) {
        throw new TokenApiProblem("provider-unavailable", `No valid token and the refresh failed: ${outcome.reason}`, {
          retryAfterSeconds: outcome.retryAfterSeconds,
          connectionId: connection.id,
        });
      }
      warning = `199 handshake "Refresh failed, serving the still-valid token; retry after ${outcome.retryAfterSeconds} s"`;
    }
  }
  if (dpopKeyMoved(tokenSet, connection.dpopJkt))
    throw new TokenApiProblem(
      "token-request-refused",
      "The stored token is bound to a DPoP key the connection no longer uses and no token for the current key could be obtained: an admin tests the connection again.",
      { connectionId: connection.id },
    );
  const accessToken = decryptSecret(tokenSet.accessTokenEncrypted, { recordId: tokenSet.id, field: "accessToken" });
  recordTokenRead(db, {
    apiKeyId: key.id,
    connectionId: connection.id,
    tokenSetId: tokenSet.id,
    ip: input.context.ip,
    userAgent: input.context.userAgent,
  });
  const body: z.infer<typeof tokenResponseSchema> = {
    access_token: accessToken,
    token_type: tokenSet.tokenType,
    expires_at: tokenSet.expiresAt?.toISOString() ?? null,
    expires_in: tokenSet.expiresAt ? Math.max(0, Math.floor((tokenSet.expiresAt.getTime() - Date.now()) / 1000)) : null,
    scope: tokenSet.scope,
    connection_id: connection.id,
    connection_name: connection.name,
  };
  const headers: Record<string, string> = { ...NO_STORE, "Content-Type": "application/json" };
  // A caller asking for longer than the provider's tokens live gets the token it has, and is told.
  const warnings = [warning, shortLivedWarning(tokenSet, input.minValidSeconds)].filter(Boolean);
  if (warnings.length) headers["Handshake-Warning"] = warnings.join(", ");
  return new Response(JSON.stringify(body), { status: 200, headers });
}

/**
 * A set the provider refused to renew (or whose connection no longer points at what issued it):
 * its access token is still what the provider issued and works until it expires, so it is served,
 * with a warning, as after a transient failure. Once expired, or when the connection now points at
 * another issuer, token endpoint or client than the configuration its refreshes run with
 * (lib/tokens/token-binding.ts, lib/connections/good-configuration.ts), the caller gets the problem.
 * Sets stored before bindings were recorded cannot tell, so they are not served.
 */
async function stillValidAfterRefusal(
  connection: ConnectionView,
  refused: Pick<TokenSetView, "id" | "lastRefreshError">,
): Promise<TokenSetView> {
  const row = await db.tokenSet.findUnique({ where: { id: refused.id }, include: { connection: true } });
  if (!row) throw noTokenSet(connection, "The token set was removed.");
  const { connection: current, ...tokenSet } = row;
  // While an edit is untested, refreshes run the last tested configuration: the set is bound to that.
  const refreshedWith = await loadConfigurationForRefresh(db, current);
  const sameIssuer =
    tokenSet.boundTokenOrigin !== null &&
    tokenBindingChange(issuedBindingOf(tokenSet, refreshedWith), tokenBindingOf(refreshedWith)) === null;
  if (sameIssuer && isStillValid(tokenSet)) return tokenSet;
  throw tokenRequestRefused(connection, tokenSet);
}

function refusalWarning(connection: ConnectionView): string {
  return connection.grantType === "client_credentials"
    ? `199 handshake "The provider refused the token request; serving the still-valid token until it expires. An admin must fix and test the connection"`
    : `199 handshake "The provider refused the refresh; serving the still-valid token until it expires. The connection must be authorized again"`;
}

/**
 * Client credentials authorize no one: the provider refused the client itself (a rotated secret, a
 * disabled client), which only an admin fixing the connection and testing it again can mend.
 */
function tokenRequestRefused(
  connection: ConnectionView,
  tokenSet: Pick<TokenSetView, "lastRefreshError">,
): TokenApiProblem {
  const reason = tokenSet.lastRefreshError ?? "no reason given";
  if (connection.grantType === "client_credentials") {
    return new TokenApiProblem(
      "token-request-refused",
      `The provider refused the token request (${reason}). No further token request is made until an admin fixes the connection at ${connectionPageUrl(connection)} and tests it.`,
      { connectionId: connection.id },
    );
  }
  return new TokenApiProblem(
    "reauthorization-required",
    `The provider rejected the refresh (${reason}). No further refresh is attempted until an admin authorizes the connection again.`,
    { connectionId: connection.id, authorizeUrl: connectionPageUrl(connection) },
  );
}
