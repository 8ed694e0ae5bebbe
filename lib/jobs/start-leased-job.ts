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

export function startLeasedJob(
  db: Db,
  job: {
    name: string;
    description: string;
    intervalMs: number;
    run: () => Promise<number>;
    /** false: no timer; the caller (a test moving the clock) calls runOnce itself. */
    timer?: boolean;
  },
): LeasedJob {
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomUUID()}`;
  let running: Promise<number> | undefined;
  let stopped = false;

  const runOnce = async (): Promise<number> => {
    // Three intervals: a holder that stops ticking is replaced soon, a slow tick keeps its lease.
    if (!(await claimJobLease(db, job.name, owner, job.intervalMs * 3))) return 0;
    return job.run();
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
  const timer = job.timer === false ? undefined : setInterval(tick, job.intervalMs);
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
