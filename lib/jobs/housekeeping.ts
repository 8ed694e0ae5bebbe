/**
 * Keeps the tables from growing without bound (#26), hourly in one replica: token-read counts roll
 * up to days and months, test history past its retention is pruned, and pending authorizations
 * and job leases over for a day are removed, and old private_key_jwt keys past their retire-at time
 * are cleared (rate windows and sign-in throttles clean themselves
 * as they are written). On SQLite it also refreshes the query planner's statistics.
 */
import { prisma, type Db } from "@/lib/db/prisma";
import { getConfig } from "@/lib/config/env";
import { processState } from "@/lib/tokens/process-state";
import { rollUpTokenReads, type RollUpOutcome } from "@/lib/api-keys/roll-up-token-reads";
import { pruneTestRuns } from "@/lib/connection-tests/prune-test-runs";
import { clearRetiredClientKeys } from "@/lib/connections/client-key-rotation";
import { startLeasedJob, type LeasedJob } from "@/lib/jobs/start-leased-job";
import { refreshQueryStatistics } from "@/lib/db/query-statistics";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type HousekeepingOutcome = RollUpOutcome & {
  testRuns: number;
  pendingAuthorizations: number;
  leases: number;
  retiredClientKeys: number;
};

export async function runHousekeeping(
  db: Db,
  options: { testRunRetentionDays: number; now?: Date },
): Promise<HousekeepingOutcome> {
  const now = options.now ?? new Date();
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const rolled = await rollUpTokenReads(now, db);
  const { deletedCount } = await pruneTestRuns({ retentionDays: options.testRunRetentionDays, now, db });
  const pending = await db.pendingAuthorization.deleteMany({ where: { expiresAt: { lt: dayAgo } } });
  const leases = await db.lease.deleteMany({ where: { until: { lt: dayAgo } } });
  const retiredClientKeys = await clearRetiredClientKeys(db, now);
  await refreshQueryStatistics(db);
  return {
    ...rolled,
    testRuns: deletedCount,
    pendingAuthorizations: pending.count,
    leases: leases.count,
    retiredClientKeys,
  };
}

/** Starts the job once per server process, from Next's instrumentation hook (instrumentation.ts). */
export function startHousekeeping(): LeasedJob {
  const testRunRetentionDays = getConfig().testRunRetentionDays;
  return processState("housekeeping", () =>
    startLeasedJob(
      prisma,
      { intervalMs: HOUR_MS },
      {
        name: "housekeeping",
        description: "housekeeping",
        run: async () => {
          const outcome = await runHousekeeping(prisma, { testRunRetentionDays });
          return Object.values(outcome).reduce((sum, n) => sum + n, 0);
        },
      },
    ),
  );
}
