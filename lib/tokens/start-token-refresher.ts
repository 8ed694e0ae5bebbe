/**
 * Starts the background refresher once per server process, from Next's instrumentation hook
 * (instrumentation.ts), with the interval from TOKEN_REFRESH_INTERVAL_SECONDS (0 turns it off).
 */
import { getConfig } from "@/lib/config/env";
import { prisma } from "@/lib/db/prisma";
import { startBackgroundRefresher, type BackgroundRefresher } from "@/lib/tokens/background-refresher";
import { processState } from "@/lib/tokens/process-state";

export function startTokenRefresher(): BackgroundRefresher | null {
  const seconds = getConfig().tokenRefreshIntervalSeconds;
  if (seconds === 0) return null;
  return processState("token-background-refresher", () =>
    startBackgroundRefresher(prisma, { intervalMs: seconds * 1000 }),
  );
}
