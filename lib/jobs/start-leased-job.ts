/**
 * A background job one process at a time runs (a job lease), every `intervalMs` from the moment it
 * starts, in every replica: whichever holds the lease does the work, the others' ticks return at
 * once. A tick that is still running makes the next one skip; a failure is logged without detail
 * (provider and database errors may quote secrets) and the next tick tries again.
 */
import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "@/lib/db/prisma";
import { claimJobLease, releaseJobLease } from "@/lib/jobs/job-lease";

export type LeasedJob = { owner: string; runOnce(): Promise<number>; stop(): Promise<void> };

/** When a job runs: every `intervalMs`, at the time `clock` tells (a test moves it; default: now). */
export type LeasedJobSchedule = {
  intervalMs: number;
  clock?: () => Date;
  /** false: no timer; the caller (a test moving the clock) calls runOnce itself. */
  timer?: boolean;
};

export function startLeasedJob(
  db: Db,
  schedule: LeasedJobSchedule,
  job: { name: string; description: string; run: (now: Date) => Promise<number> },
): LeasedJob {
  const { intervalMs, clock = () => new Date() } = schedule;
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomUUID()}`;
  let running: Promise<number> | undefined;
  let stopped = false;

  const runOnce = async (): Promise<number> => {
    // Three intervals: a holder that stops ticking is replaced soon, a slow tick keeps its lease.
    if (!(await claimJobLease(db, job.name, owner, intervalMs * 3))) return 0;
    return job.run(clock());
  };
  const tick = () => {
    if (stopped || running) return;
    running = runOnce()
      .catch((error: unknown) => {
        console.error(
          `[handshake] ${job.description} failed:`,
          error instanceof Error ? error.message : "unknown error",
        );
        return 0;
      })
      .finally(() => (running = undefined));
  };
  const timer = schedule.timer === false ? undefined : setInterval(tick, intervalMs);
  if (timer) {
    timer.unref();
    tick();
  }

  return {
    owner,
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      await releaseJobLease(db, job.name, owner);
    },
  };
}
