/** Next.js calls register() once when a server process starts. */
export async function register(): Promise<void> {
  // Only in the Node.js server, and not while `next build` prerenders pages.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { assertPeerAddressAvailable } = await import("@/lib/http/peer-address-check");
  assertPeerAddressAvailable();
  const { startTokenRefresher } = await import("@/lib/tokens/start-token-refresher");
  startTokenRefresher();
  const { startHousekeeping } = await import("@/lib/jobs/housekeeping");
  startHousekeeping();
  const { startScheduledChecks } = await import("@/lib/connection-tests/scheduled-checks");
  startScheduledChecks();
  const { startCredentialExpiryReminders } = await import("@/lib/notifications/credential-expiry-reminders");
  startCredentialExpiryReminders();
  const { startNotifications } = await import("@/lib/notifications/start-notification-dispatcher");
  startNotifications();
}
