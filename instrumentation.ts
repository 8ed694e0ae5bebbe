/**
 * What a server process starts, in order. Each module is imported only here, inside the Node.js
 * server, so neither the edge runtime nor `next build` loads it. A start that returns a promise
 * (a leased job) is not awaited: the job runs in the background.
 */
const STARTS: (() => Promise<void>)[] = [
  async () => void (await import("@/lib/http/peer-address-check")).assertPeerAddressAvailable(),
  async () => void (await import("@/lib/tokens/start-token-refresher")).startTokenRefresher(),
  async () => void (await import("@/lib/jobs/housekeeping")).startHousekeeping(),
  async () => void (await import("@/lib/connection-tests/scheduled-checks")).startScheduledChecks(),
  async () => void (await import("@/lib/notifications/credential-expiry-reminders")).startCredentialExpiryReminders(),
  async () => void (await import("@/lib/notifications/start-notification-dispatcher")).startNotifications(),
];

/** Next.js calls register() once when a server process starts. */
export async function register(): Promise<void> {
  // Only in the Node.js server, and not while `next build` prerenders pages.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  for (const start of STARTS) await start();
}
