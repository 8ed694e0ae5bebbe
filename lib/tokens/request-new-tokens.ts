/**
 * The one provider call of the token API: a refresh token grant, or a new client credentials
 * grant (that grant has no refresh token, RFC 6749 §4.4.3). It goes through the connection's
 * protocol client built by lib/oauth/client-config.ts with the guarded fetch, like
 * every test; the client is kept for a few minutes per configuration so a refresh
 * does not repeat discovery each time.
 */
import type { Connection, TokenSet } from "@/lib/db/generated/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { guardedFetch, type GuardedFetch } from "@/lib/net/guarded-fetch";
import { buildClientConfiguration, type ClientSetup } from "@/lib/oauth/client-config";
import { requestClientCredentials, requestRefresh } from "@/lib/oauth/protocol-requests";
import type { TokenResponse } from "@/lib/oauth/protocol-types";
import { clientProfileOf } from "@/lib/connections/client-profile";
import { readConnectionSettings } from "@/lib/connections/connection-settings";
import { configurationKey } from "@/lib/connections/good-configuration";
import { DiagnosedError, diagnosisFrom, fixedDiagnosis } from "@/lib/diagnosis/diagnosis";
import { REFRESH_DIAGNOSES } from "@/lib/diagnosis/refresh";
import { tokenRequestParameters } from "@/lib/oauth/token-request-parameters";
import { TraceRecorder } from "@/lib/oauth/trace";
import { processState } from "@/lib/tokens/process-state";
import { issuedBindingOf, tokenBindingProblem, type TokenBinding } from "@/lib/tokens/token-binding";

const SETUP_TTL_MS = 5 * 60_000;

export type NewTokens = {
  accessToken: string;
  /** The refresh token to keep: the rotated one, or the old one when the response had none. */
  refreshToken: string | null;
  idToken: string | null;
  tokenType: string;
  /** RFC 9449 §6: the DPoP key's thumbprint when the provider bound the tokens to it. */
  dpopJkt: string | null;
  scope: string | null;
  expiresAt: Date;
  rotated: boolean;
  /** "provider" when expires_in came back, else the connection's default lifetime applied. */
  lifetimeSource: "provider" | "default";
  /** What issued them, checked before the request: saved with them. */
  binding: TokenBinding;
};

type CachedSetup = { key: string; setup: Promise<ClientSetup>; until: number };
const setups = processState("token-api-client-setups", () => new Map<string, CachedSetup>());

export class NoRefreshTokenError extends DiagnosedError {
  constructor() {
    super(fixedDiagnosis(REFRESH_DIAGNOSES.no_refresh_token));
  }
}

export async function requestNewTokens(
  connection: Connection,
  tokenSet: TokenSet,
  fetch: GuardedFetch = guardedFetch,
): Promise<NewTokens> {
  const settings = readConnectionSettings(connection);
  const { client, metadata, dpop } = await clientSetupFor(connection, fetch);
  // Before anything is sent: a stored refresh token goes only where it was issued, by the client it was issued to (RFC 9700 §4.14).
  const moved = tokenBindingProblem(tokenSet, connection, metadata.token_endpoint);
  if (moved) throw new DiagnosedError(diagnosisFrom(REFRESH_DIAGNOSES.token_binding_changed, { change: moved }));
  const oldRefreshToken = tokenSet.refreshTokenEncrypted
    ? decryptSecret(tokenSet.refreshTokenEncrypted, { recordId: tokenSet.id, field: "refreshToken" })
    : null;
  let response: TokenResponse;
  if (connection.grantType === "client_credentials") {
    response = await requestClientCredentials(client, tokenRequestParameters(settings, "client_credentials"));
  } else {
    if (!oldRefreshToken) throw new NoRefreshTokenError();
    response = await requestRefresh(client, oldRefreshToken, tokenRequestParameters(settings, "refresh_token"));
  }
  const obtainedAt = Date.now();
  const lifetime = typeof response.expires_in === "number" && response.expires_in > 0 ? response.expires_in : undefined;
  const newRefreshToken =
    typeof response.refresh_token === "string" && response.refresh_token ? response.refresh_token : null;
  const keptIdToken = tokenSet.idTokenEncrypted
    ? decryptSecret(tokenSet.idTokenEncrypted, { recordId: tokenSet.id, field: "idToken" })
    : null;
  return {
    accessToken: response.access_token,
    // A refresh response without a refresh token keeps the old one (RFC 6749 §6: "MAY issue").
    refreshToken: newRefreshToken ?? oldRefreshToken,
    idToken: response.id_token ?? keptIdToken,
    tokenType: response.token_type,
    // A refresh with the connection's key keeps the binding (RFC 9449 §5); a Bearer answer drops it.
    dpopJkt: dpop && response.token_type.toLowerCase() === "dpop" ? dpop.jkt : null,
    scope: response.scope ?? tokenSet.scope,
    expiresAt: new Date(obtainedAt + (lifetime ?? connection.defaultTokenLifetime) * 1000),
    rotated: newRefreshToken !== null && oldRefreshToken !== null && newRefreshToken !== oldRefreshToken,
    lifetimeSource: lifetime ? "provider" : "default",
    binding: issuedBindingOf(tokenSet, connection),
  };
}

function clientSetupFor(connection: Connection, fetch: GuardedFetch): Promise<ClientSetup> {
  // The configuration itself, not the row's version: a refresh may run the last tested one.
  const key = configurationKey(connection);
  const cached = setups.get(connection.id);
  if (cached && cached.key === key && cached.until > Date.now() && fetch === guardedFetch) return cached.setup;
  const setup = (async () => buildClientConfiguration(clientProfileOf(connection), new TraceRecorder(), fetch))();
  if (fetch === guardedFetch) {
    setups.set(connection.id, { key, setup, until: Date.now() + SETUP_TTL_MS });
    // A failed discovery is not kept: the next refresh tries again.
    setup.catch(() => setups.delete(connection.id));
  }
  return setup;
}
