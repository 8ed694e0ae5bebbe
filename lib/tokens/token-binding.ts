/**
 * A stored token set belongs to what issued it: the issuer, the token endpoint's origin and the
 * client ID (RFC 9700 §4.14: a refresh token is only ever sent to the authorization server that
 * issued it, by the client it was issued to). An edit that changes any of them marks the
 * connection's sets "needs re-authorization" (lib/connections/connection-writes.ts), and a refresh
 * checks the set's binding against the connection and the token endpoint it would call before
 * anything is sent (lib/tokens/request-new-tokens.ts). No server imports: the edit form words its
 * warning with tokenBindingChange too.
 */
import type { Connection, TokenSet } from "@/lib/db/generated/client";
import { originOfUrl, secretOriginFor, type BindingFields } from "@/lib/connections/secret-binding";

export type TokenBinding = { issuer: string | null; tokenOrigin: string | null; clientId: string | null };

export type TokenBindingFields = BindingFields & Pick<Connection, "clientId">;

type BoundColumns = Pick<TokenSet, "boundIssuer" | "boundTokenOrigin" | "boundClientId">;

/** What a token set issued now, with the connection as it is, is bound to. */
export function tokenBindingOf(connection: TokenBindingFields): TokenBinding {
  return {
    issuer: connection.issuer || null,
    tokenOrigin: secretOriginFor(connection),
    clientId: connection.clientId || null,
  };
}

export function boundColumnsOf(binding: TokenBinding): BoundColumns {
  return { boundIssuer: binding.issuer, boundTokenOrigin: binding.tokenOrigin, boundClientId: binding.clientId };
}

/** The binding a set was stored with; sets stored before bindings were recorded count as the connection's current one. */
export function issuedBindingOf(tokenSet: BoundColumns, connection: TokenBindingFields): TokenBinding {
  if (tokenSet.boundTokenOrigin === null) return tokenBindingOf(connection);
  return { issuer: tokenSet.boundIssuer, tokenOrigin: tokenSet.boundTokenOrigin, clientId: tokenSet.boundClientId };
}

/** What moved between two bindings, in words, or null when tokens issued under `from` may still be used under `to`. */
export function tokenBindingChange(from: TokenBinding, to: TokenBinding): string | null {
  const changes: string[] = [];
  if (from.tokenOrigin !== to.tokenOrigin)
    changes.push(`the token endpoint moved from ${from.tokenOrigin ?? "nowhere"} to ${to.tokenOrigin ?? "nowhere"}`);
  if (from.issuer !== to.issuer)
    changes.push(`the issuer changed from ${from.issuer ?? "none"} to ${to.issuer ?? "none"}`);
  if (from.clientId !== to.clientId)
    changes.push(`the client ID changed from ${from.clientId ?? "none"} to ${to.clientId ?? "none"}`);
  if (changes.length === 0) return null;
  const sentence = changes.join(", and ");
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}

/**
 * Why a set's tokens may not go to this token endpoint: the connection no longer matches what
 * issued them, or the endpoint (live discovery included) is on another origin. Null when they may.
 */
export function tokenBindingProblem(
  tokenSet: BoundColumns,
  connection: TokenBindingFields,
  tokenEndpoint: string | undefined,
): string | null {
  const issued = issuedBindingOf(tokenSet, connection);
  const changed = tokenBindingChange(issued, tokenBindingOf(connection));
  if (changed) return changed;
  const target = originOfUrl(tokenEndpoint);
  if (target !== issued.tokenOrigin)
    return `The token endpoint is now at ${target ?? "an unknown origin"}, not ${issued.tokenOrigin ?? "an unknown origin"}.`;
  return null;
}
