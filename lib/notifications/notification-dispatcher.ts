/**
 * The background job that sends notifications: one process at a time holds its job lease
 * (lib/tokens/job-lease.ts), so with several replicas exactly one delivers. The clock is
 * injectable so tests move time instead of sleeping through back-off.
 */
import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "@/lib/db/prisma";
import { claimJobLease, releaseJobLease } from "@/lib/tokens/job-lease";
import { deliverDueNotifications, type DeliveryOptions } from "@/lib/notifications/deliver-notifications";

const LEASE_NAME = "notification-dispatcher";

export type NotificationDispatcher = { owner: string; runOnce(): Promise<number>; stop(): Promise<void> };

export function startNotificationDispatcher(
  db: Db,
  options: { intervalMs: number; clock?: () => Date; fetch?: DeliveryOptions["fetch"]; timer?: boolean },
): NotificationDispatcher {
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomUUID()}`;
  const clock = options.clock ?? (() => new Date());
  let running: Promise<number> | undefined;
  let stopped = false;

  const runOnce = async (): Promise<number> => {
    // Three intervals: a holder that stops ticking is replaced soon, a slow tick keeps its lease.
    if (!(await claimJobLease(db, LEASE_NAME, owner, options.intervalMs * 3))) return 0;
    return deliverDueNotifications(db, { now: clock(), fetch: options.fetch });
  };
  const tick = () => {
    if (stopped || running) return;
    running = runOnce()
      .catch((error: unknown) => {
        console.error("[handshake] notification delivery failed:", error instanceof Error ? error.message : "unknown");
        return 0;
      })
      .finally(() => (running = undefined));
  };
  const timer = options.timer === false ? undefined : setInterval(tick, options.intervalMs);
  timer?.unref();

  return {
    owner,
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      await releaseJobLease(db, LEASE_NAME, owner);
    },
  };
}
