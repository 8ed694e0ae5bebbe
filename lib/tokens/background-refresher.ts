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
import { ensureFreshTokenSet } from "@/lib/tokens/refresh-coordinator";
import { needsRefresh } from "@/lib/tokens/refresh-policy";
import { NEEDS_REAUTHORIZATION } from "@/lib/tokens/save-refresh-outcome";

const LEASE_NAME = "token-refresher";
const BATCH = 100;

export type BackgroundRefresher = LeasedJob;

export function startBackgroundRefresher(db: Db, options: { intervalMs: number }): BackgroundRefresher {
  return startLeasedJob(db, {
    name: LEASE_NAME,
    description: "background token refresh",
    intervalMs: options.intervalMs,
    run: () => refreshDueTokenSets(db, options.intervalMs),
  });
}

/** Refreshes every due set once; returns how many were attempted. */
async function refreshDueTokenSets(db: Db, intervalMs: number): Promise<number> {
  const now = Date.now();
  const ahead = Math.ceil(intervalMs / 1000);
  const candidates = await db.tokenSet.findMany({
    where: {
      ownerKey: SHARED_OWNER,
      state: { not: NEEDS_REAUTHORIZATION },
      // Margins are minutes; a day bounds the scan, the exact margin is checked per connection below.
      expiresAt: { lt: new Date(now + (ahead + 86_400) * 1000) },
      connection: { autoRefresh: true, enabled: true, status: "ACTIVE" },
      AND: [
        { OR: [{ coolDownUntil: null }, { coolDownUntil: { lte: new Date(now) } }] },
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
      ],
    },
    include: { connection: true },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
  });
  let attempted = 0;
  for (const { connection, ...tokenSet } of candidates) {
    // Due when it would enter its margin before the next scan.
    const minValidSeconds = connection.refreshMarginSeconds + ahead;
    if (!needsRefresh(tokenSet, connection, minValidSeconds, now)) continue;
    attempted += 1;
    await ensureFreshTokenSet(db, {
      connection,
      tokenSetId: tokenSet.id,
      minValidSeconds,
      context: { trigger: "background", actor: SYSTEM_ACTOR },
    });
  }
  return attempted;
}
