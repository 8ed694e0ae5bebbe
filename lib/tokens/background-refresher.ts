/**
 * Refreshes Shared token sets of connections with "Refresh tokens automatically" ahead of expiry,
 * so the first caller after a quiet night gets a valid token at once: with the refresh token, or
 * for client credentials with a new token request (RFC 6749 §4.4 needs no refresh token), as the
 * switch promises for both. One process at a time scans (a job lease); each refresh still goes
 * through the same single flight and token-set lease as API calls.
 */
import type { Db } from "@/lib/db/prisma";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { SHARED_OWNER } from "@/lib/tokens/token-store";
import { startLeasedJob, type LeasedJob } from "@/lib/jobs/start-leased-job";
import { keysetBatches } from "@/lib/jobs/keyset-batches";
import { ensureFreshTokenSet } from "@/lib/tokens/refresh-coordinator";
import { backgroundLeadSeconds, needsRefresh } from "@/lib/tokens/refresh-policy";
import { NEEDS_REAUTHORIZATION } from "@/lib/tokens/save-refresh-outcome";

const LEASE_NAME = "token-refresher";
const BATCH = 500;

export type BackgroundRefresher = LeasedJob;

/** `timer: false`: no scans of its own; the caller (a benchmark) calls runOnce. */
export function startBackgroundRefresher(
  db: Db,
  options: { intervalMs: number; timer?: boolean },
): BackgroundRefresher {
  return startLeasedJob(db, options, {
    name: LEASE_NAME,
    description: "background token refresh",
    run: () => refreshDueTokenSets(db, options.intervalMs),
  });
}

/** Refreshes every due set once; returns how many were attempted. */
async function refreshDueTokenSets(db: Db, intervalMs: number): Promise<number> {
  const now = Date.now();
  const ahead = Math.ceil(intervalMs / 1000);
  let attempted = 0;
  // The whole horizon is scanned in keyset batches with only the timing columns: with thousands of
  // sets more than one batch comes due per scan, and a set's spread lead is not ordered by expiry.
  const batches = keysetBatches((after: { expiresAt: Date | null; id: string } | undefined) =>
    db.tokenSet.findMany({
      where: {
        ownerKey: SHARED_OWNER,
        state: { not: NEEDS_REAUTHORIZATION },
        // Leads are at most half a lifetime; a day bounds the scan, the exact lead is checked per set below.
        expiresAt: { lt: new Date(now + (ahead + 86_400) * 1000) },
        connection: { autoRefresh: true, enabled: true, status: "ACTIVE" },
        AND: [
          { OR: [{ coolDownUntil: null }, { coolDownUntil: { lte: new Date(now) } }] },
          // Backing off a set whose refreshes keep failing: the token API alone still tries after each cool-down.
          { OR: [{ nextBackgroundRefreshAt: null }, { nextBackgroundRefreshAt: { lte: new Date(now) } }] },
          // A Shared set with a refresh token, or client credentials (always shared), which need none.
          {
            OR: [
              {
                refreshTokenEncrypted: { not: null },
                connection: { tokenSharing: "SHARED", grantType: { not: "client_credentials" } },
              },
              { connection: { grantType: "client_credentials" } },
            ],
          },
          ...(after
            ? [{ OR: [{ expiresAt: { gt: after.expiresAt! } }, { expiresAt: after.expiresAt, id: { gt: after.id } }] }]
            : []),
        ],
      },
      select: {
        id: true,
        connectionId: true,
        expiresAt: true,
        obtainedAt: true,
        refreshedAt: true,
        accessTokenEncrypted: true,
        connection: { select: { refreshMarginSeconds: true } },
      },
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: BATCH,
    }),
  );
  for await (const batch of batches) {
    for (const { connection, connectionId, ...tokenSet } of batch) {
      const minValidSeconds = backgroundLeadSeconds(tokenSet, connection, ahead);
      if (!needsRefresh(tokenSet, connection, minValidSeconds, now)) continue;
      attempted += 1;
      await ensureFreshTokenSet(db, {
        connection: { id: connectionId },
        tokenSetId: tokenSet.id,
        minValidSeconds,
        context: { trigger: "background", actor: SYSTEM_ACTOR },
      });
    }
  }
  return attempted;
}
