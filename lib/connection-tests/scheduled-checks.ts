/**
 * Scheduled checks (#24): a connection with a schedule is checked in the background, hourly or
 * daily, so its health, and the notifications that follow health, change without anyone pressing
 * Test. Client credentials run the full test, recorded like a manual one (marked scheduled); code
 * flows, which need a browser to log in, check what needs none (lib/connection-tests/code-flow-check.ts). Each connection has
 * its own minute of the period (its id hashed), so checks spread over the hour or day instead of
 * all at :00; a failing provider is retried at twice the interval each time, up to a day. One
 * replica runs the job (a lease), and each due connection is claimed by moving its next check
 * before it is tested, so a check runs once even when a tick overlaps another's.
 */
import crypto from "node:crypto";
import { prisma, type Db } from "@/lib/db/prisma";
import { sqlRunnerFor } from "@/lib/db/raw-sql";
import { castTimeColumn, chunksOf, sqlWithRows } from "@/lib/db/sql-rows";
import { SCHEDULED_CHECK_ACTOR } from "@/lib/audit/record-audit-event";
import type { CheckSchedule } from "@/lib/connections/connection-options";
import type { Connection } from "@/lib/db/generated/client";
import { runClientCredentialsTest } from "@/lib/connection-tests/run-client-credentials-test";
import { runCodeFlowCheck } from "@/lib/connection-tests/code-flow-check";
import { recordCheckFailure, recordCheckPassed } from "@/lib/connection-tests/record-check-outcome";
import { clientProfileOf } from "@/lib/connections/client-profile";
import { DiagnosedError } from "@/lib/diagnosis/diagnosis";
import {
  checkErrorReason,
  endCheckErrorIncident,
  notifyCheckCouldNotRun,
} from "@/lib/notifications/check-notifications";
import { startLeasedJob, type LeasedJob } from "@/lib/jobs/start-leased-job";
import { yieldToOthers } from "@/lib/jobs/yield-to-others";
import { processState } from "@/lib/tokens/process-state";
import type { GuardedFetch } from "@/lib/net/guarded-fetch";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const CHECK_PERIOD_MS: Record<Exclude<CheckSchedule, "off">, number> = { hourly: HOUR_MS, daily: DAY_MS };
const SCHEDULED = Object.keys(CHECK_PERIOD_MS);

/** The connection's own offset within the period: the same in every replica. */
export function checkOffsetMs(connectionId: string, periodMs: number): number {
  return crypto.createHash("sha256").update(connectionId).digest().readUInt32BE(0) % periodMs;
}

/** The first of the connection's slots (its offset past each period boundary, UTC) after `after`. */
export function nextCheckSlot(connectionId: string, periodMs: number, after: Date): Date {
  const offset = checkOffsetMs(connectionId, periodMs);
  const slot = Math.floor((after.getTime() - offset) / periodMs) * periodMs + offset;
  return new Date(slot > after.getTime() ? slot : slot + periodMs);
}

/** After `failures` failed checks in a row, the next slot at least 2^(failures-1) periods away, at most a day. */
export function nextCheckAfter(connectionId: string, periodMs: number, now: Date, failures: number): Date {
  const wait = failures === 0 ? 0 : Math.min(periodMs * 2 ** (failures - 1), Math.max(periodMs, DAY_MS));
  return nextCheckSlot(connectionId, periodMs, new Date(now.getTime() + Math.max(0, wait - periodMs)));
}

const SCHEDULE_WHERE = {
  status: "ACTIVE",
  enabled: true,
  checkSchedule: { in: SCHEDULED },
} as const;

/** Connections read per query while placing; each is written a few hundred per statement. */
const PLACE_BATCH = 1_000;

/**
 * Places newly scheduled connections, and connections whose schedule became shorter, a whole period
 * ahead: an admin who turns a check on sees when it will run, and a console started for a few
 * minutes (a test run) never runs one by surprise. Placing is not a change of the configuration, so
 * `updatedAt` stays. Written a few hundred per statement (#26): one model update each cost about 1.5 ms
 * of CPU, and 10,000 new connections (an import, or the upgrade that added schedules) were placed a
 * thousand a minute, each minute's thousand taking over a second of the server's CPU.
 */
async function placeUnscheduled(db: Db, now: Date): Promise<void> {
  for (let after = ""; ;) {
    const rows = await db.connection.findMany({
      where: {
        ...SCHEDULE_WHERE,
        id: { gt: after },
        OR: [
          { nextCheckAt: null },
          { checkSchedule: "hourly", nextCheckAt: { gt: new Date(now.getTime() + 2 * HOUR_MS) } },
        ],
      },
      select: { id: true, checkSchedule: true },
      orderBy: { id: "asc" },
      take: PLACE_BATCH,
    });
    const placed = rows.map((row) => {
      const period = CHECK_PERIOD_MS[row.checkSchedule as keyof typeof CHECK_PERIOD_MS];
      return [row.id, nextCheckSlot(row.id, period, new Date(now.getTime() + period))];
    });
    for (const chunk of chunksOf(placed)) {
      await sqlRunnerFor(db).execute(
        sqlWithRows(
          `WITH "placed" ("id", "at") AS (VALUES `,
          chunk,
          `) UPDATE "Connection" SET "nextCheckAt" = "placed"."at" FROM "placed" WHERE "Connection"."id" = "placed"."id"`,
          castTimeColumn(1),
        ),
      );
    }
    if (rows.length < PLACE_BATCH) return;
    after = rows.at(-1)!.id;
    await yieldToOthers();
  }
}

/** Scheduled connections not placed yet: what the next tick places (the benchmarks wait for none). */
export function countUnplacedChecks(db: Db): Promise<number> {
  return db.connection.count({ where: { ...SCHEDULE_WHERE, nextCheckAt: null } });
}

/** Runs every due check once; returns how many ran. */
export async function runDueChecks(db: Db, options: { now?: Date; fetch?: GuardedFetch } = {}): Promise<number> {
  const now = options.now ?? new Date();
  await placeUnscheduled(db, now);
  let ran = 0;
  for (;;) {
    await yieldToOthers();
    const due = await db.connection.findFirst({
      where: { ...SCHEDULE_WHERE, nextCheckAt: { lte: now } },
      orderBy: { nextCheckAt: "asc" },
    });
    if (!due) return ran;
    const period = CHECK_PERIOD_MS[due.checkSchedule as keyof typeof CHECK_PERIOD_MS];
    // Claim it: moved past now before the test, so no other tick picks it up meanwhile.
    const claimed = await db.connection.updateMany({
      where: { id: due.id, nextCheckAt: due.nextCheckAt },
      data: { nextCheckAt: nextCheckAfter(due.id, period, now, due.checkFailures + 1), lastCheckAt: now },
    });
    if (claimed.count === 0) continue;
    let passed = false;
    try {
      passed = await runCheck(db, due, now, options.fetch);
      await endCheckErrorIncident(db, due.id);
    } catch (error) {
      console.error(
        `[handshake] the scheduled check of connection ${due.id} could not run: ${checkErrorReason(error)}`,
      );
      await notifyCheckCouldNotRun(db, due, error, now);
    }
    const failures = passed ? 0 : due.checkFailures + 1;
    await db.connection.updateMany({
      where: { id: due.id },
      data: { checkFailures: failures, nextCheckAt: nextCheckAfter(due.id, period, now, failures) },
    });
    ran += 1;
  }
}

/**
 * Whether the check passed; its outcome is recorded either way. Throws when the check itself cannot
 * run: the client secret is opened first, since a test would record an unreadable one as the
 * provider's failure.
 */
async function runCheck(db: Db, connection: Connection, now: Date, fetch: GuardedFetch | undefined): Promise<boolean> {
  try {
    clientProfileOf(connection);
  } catch (error) {
    // A configuration the check diagnoses (no client ID, say) is a failed check, recorded below.
    if (!(error instanceof DiagnosedError)) throw error;
  }
  if (connection.grantType === "client_credentials") {
    const { outcome } = await runClientCredentialsTest({
      connection,
      user: { id: null, email: "scheduled check" },
      actor: SCHEDULED_CHECK_ACTOR,
      trigger: "scheduled",
      fetch,
    });
    return outcome === "SUCCESS";
  }
  const outcome = await runCodeFlowCheck(db, connection, { fetch });
  if (outcome.ok) await recordCheckPassed(db, connection, now);
  else if (!outcome.recorded) await recordCheckFailure(db, connection, outcome.diagnosis, now);
  return outcome.ok;
}

/** Starts the job once per server process, from Next's instrumentation hook (instrumentation.ts). */
export function startScheduledChecks(): LeasedJob {
  return processState("scheduled-checks", () =>
    startLeasedJob(
      prisma,
      { intervalMs: 60_000 },
      { name: "scheduled-checks", description: "scheduled connection checks", run: () => runDueChecks(prisma) },
    ),
  );
}
