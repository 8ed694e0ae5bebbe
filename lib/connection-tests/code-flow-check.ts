/**
 * The scheduled check of an authorization-code connection (#24): what needs no browser. Its
 * discovery document and key set (JWKS) must answer, and its stored token sets that are due are
 * refreshed through the token API's own refresh (lib/tokens/refresh-coordinator.ts), so a refused
 * refresh token marks the set as needing re-authorization exactly as a bot's request would. No
 * login happens, so no test run is recorded: "Last test" stays the last real test, and a failure
 * is kept as the connection's problem with the source "check".
 */
import type { Connection } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/prisma";
import { SCHEDULED_CHECK_ACTOR } from "@/lib/audit/record-audit-event";
import { guardedFetch, type GuardedFetch } from "@/lib/net/guarded-fetch";
import { discoverMetadata } from "@/lib/oauth/discover-metadata";
import { safeText } from "@/lib/oauth/redact";
import { diagnoseError } from "@/lib/diagnosis/diagnose-error";
import { diagnosisFrom, type Diagnosis } from "@/lib/diagnosis/diagnosis";
import { DISCOVERY_DIAGNOSES } from "@/lib/diagnosis/discovery";
import { REFRESH_DIAGNOSES } from "@/lib/diagnosis/refresh";
import { diagnosisContextFor } from "@/lib/diagnosis/diagnosis-context";
import { readConnectionSettings } from "@/lib/connections/connection-settings";
import { ensureFreshTokenSet } from "@/lib/tokens/refresh-coordinator";
import { needsRefresh } from "@/lib/tokens/refresh-policy";
import { NEEDS_REAUTHORIZATION } from "@/lib/tokens/save-refresh-outcome";

/** "recorded": the refresh already wrote the failure (needs re-authorization) and its notifications. */
export type CodeFlowCheckOutcome = { ok: true } | { ok: false; diagnosis: Diagnosis; recorded: boolean };

/** At most this many token sets are refreshed per check; the rest come due at the next one. */
const REFRESH_BATCH = 100;

export async function runCodeFlowCheck(
  db: Db,
  connection: Connection,
  options: { fetch?: GuardedFetch } = {},
): Promise<CodeFlowCheckOutcome> {
  const fetch = options.fetch ?? guardedFetch;
  const reachable = await checkReachability(connection, fetch);
  if (!reachable.ok) return { ok: false, diagnosis: reachable.diagnosis, recorded: false };
  return refreshDueTokenSets(db, connection);
}

async function checkReachability(
  connection: Connection,
  fetch: GuardedFetch,
): Promise<{ ok: true } | { ok: false; diagnosis: Diagnosis }> {
  let jwksUrl = connection.jwksUrl;
  if (connection.issuer) {
    const discovered = await discoverMetadata(connection.issuer, { fetch });
    if (!discovered.ok) return { ok: false, diagnosis: discovered.diagnosis };
    jwksUrl ??= discovered.metadata.jwks_uri ?? null;
  }
  if (!jwksUrl) return { ok: true };
  const unreachable = (answer: string) =>
    ({ ok: false, diagnosis: diagnosisFrom(DISCOVERY_DIAGNOSES.jwks_unreachable, { url: jwksUrl, answer }) }) as const;
  let response: Response;
  try {
    response = await fetch(jwksUrl, { headers: { accept: "application/json" } });
  } catch (error) {
    const context = diagnosisContextFor(connection, readConnectionSettings(connection), "discovery", undefined);
    return { ok: false, diagnosis: await diagnoseError(error, context) };
  }
  if (!response.ok) return unreachable(`answered ${response.status}`);
  const body: unknown = await response.json().catch(() => null);
  const keys = body && typeof body === "object" ? (body as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys))
    return unreachable(`answered ${safeText(String(response.status), 10)} without a "keys" list`);
  return { ok: true };
}

/** Every stored set with a refresh token whose access token is due, the connection's margin ahead. */
async function refreshDueTokenSets(db: Db, connection: Connection): Promise<CodeFlowCheckOutcome> {
  const sets = await db.tokenSet.findMany({
    where: {
      connectionId: connection.id,
      state: { not: NEEDS_REAUTHORIZATION },
      refreshTokenEncrypted: { not: null },
      OR: [{ coolDownUntil: null }, { coolDownUntil: { lte: new Date() } }],
    },
    select: { id: true, expiresAt: true, obtainedAt: true, refreshedAt: true, accessTokenEncrypted: true },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    take: REFRESH_BATCH,
  });
  let failure: CodeFlowCheckOutcome | null = null;
  for (const set of sets) {
    if (!needsRefresh(set, connection, connection.refreshMarginSeconds)) continue;
    const outcome = await ensureFreshTokenSet(db, {
      connection,
      tokenSetId: set.id,
      minValidSeconds: connection.refreshMarginSeconds,
      context: { trigger: "background", actor: SCHEDULED_CHECK_ACTOR },
    });
    if (outcome.kind === "reauthorization-required")
      failure ??= {
        ok: false,
        diagnosis: diagnosisFrom(REFRESH_DIAGNOSES.refresh_token_refused, { said: "" }),
        recorded: true,
      };
    if (outcome.kind === "stale")
      failure ??= {
        ok: false,
        diagnosis: diagnosisFrom(REFRESH_DIAGNOSES.refresh_unavailable, { reason: outcome.reason }),
        recorded: false,
      };
  }
  return failure ?? { ok: true };
}
