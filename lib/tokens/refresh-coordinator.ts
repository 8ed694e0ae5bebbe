/**
 * Exactly one refresh per token set, however many callers ask and however many processes serve
 * them. In a process, callers of the same set share one promise (single flight). Across
 * processes, the flight first claims a short lease on the row with a conditional update
 * (refreshLeaseUntil / refreshLeaseOwner, only when free or expired and the version unchanged),
 * calls the provider with no transaction or lock open, and saves only while it still holds the
 * lease. Flights that find the lease taken poll the row until the holder's result lands; a
 * holder that crashed blocks the set only until its lease expires.
 */
import crypto from "node:crypto";
import os from "node:os";
import type { Connection, TokenSet } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/prisma";
import { classifyRefreshFailure, describeFailure } from "@/lib/tokens/classify-refresh-failure";
import { processState } from "@/lib/tokens/process-state";
import { needsRefresh } from "@/lib/tokens/refresh-policy";
import { requestNewTokens } from "@/lib/tokens/request-new-tokens";
import { NEEDS_REAUTHORIZATION, saveRefreshedTokens, saveRefreshFailure, type RefreshContext } from "@/lib/tokens/save-refresh-outcome";

/** Longer than the provider call can take (10 s timeout, plus discovery when not cached). */
const LEASE_MS = 25_000;
/** How often a flight waiting on another process's lease re-reads the row (callers in this process share the flight instead). */
const POLL_MS = 10;

const PROCESS_ID = `${os.hostname()}:${process.pid}`;

export type FreshnessOutcome =
  | { kind: "fresh"; tokenSet: TokenSet }
  /** No fresh token now: cooling down after a transient failure, or another refresh still running. */
  | { kind: "stale"; tokenSet: TokenSet; retryAfterSeconds: number; reason: string }
  | { kind: "reauthorization-required"; tokenSet: TokenSet }
  | { kind: "gone" };

export type FreshnessRequest = {
  /** The whole row when the caller has it; an id alone and the flight loads it once for all its callers. */
  connection: Connection | { id: string };
  tokenSetId: string;
  minValidSeconds: number;
  context: Omit<RefreshContext, "owner">;
};

const flights = processState("token-refresh-flights", () => new Map<string, Promise<FreshnessOutcome>>());

export function isStillValid(tokenSet: Pick<TokenSet, "expiresAt" | "accessTokenEncrypted">, now = Date.now()): boolean {
  return Boolean(tokenSet.accessTokenEncrypted) && (!tokenSet.expiresAt || tokenSet.expiresAt.getTime() > now);
}

export function ensureFreshTokenSet(db: Db, request: FreshnessRequest): Promise<FreshnessOutcome> {
  const running = flights.get(request.tokenSetId);
  if (running) return running;
  const flight = runFlight(db, request).finally(() => flights.delete(request.tokenSetId));
  flights.set(request.tokenSetId, flight);
  return flight;
}

async function runFlight(db: Db, request: FreshnessRequest): Promise<FreshnessOutcome> {
  const { tokenSetId, minValidSeconds } = request;
  const connection = "grantType" in request.connection ? request.connection : await db.connection.findUnique({ where: { id: request.connection.id } });
  // Deleting a connection deletes its token sets.
  if (!connection) return { kind: "gone" };
  const deadline = Date.now() + LEASE_MS + 5_000;
  let firstVersion: number | undefined;
  for (;;) {
    const tokenSet = await db.tokenSet.findUnique({ where: { id: tokenSetId } });
    if (!tokenSet) return { kind: "gone" };
    firstVersion ??= tokenSet.version;
    const now = Date.now();
    if (tokenSet.state === NEEDS_REAUTHORIZATION) return { kind: "reauthorization-required", tokenSet };
    if (tokenSet.coolDownUntil && tokenSet.coolDownUntil.getTime() > now) {
      return { kind: "stale", tokenSet, retryAfterSeconds: secondsUntil(tokenSet.coolDownUntil, now), reason: tokenSet.lastRefreshError ?? "The provider was unavailable." };
    }
    // Someone else's refresh landed while this flight waited: use it.
    const refreshedMeanwhile = tokenSet.version !== firstVersion && isStillValid(tokenSet, now);
    if (refreshedMeanwhile || !needsRefresh(tokenSet, connection, minValidSeconds, now)) return { kind: "fresh", tokenSet };

    const leaseFree = !tokenSet.refreshLeaseUntil || tokenSet.refreshLeaseUntil.getTime() <= now;
    if (leaseFree) {
      const owner = `${PROCESS_ID}:${crypto.randomUUID()}`;
      const claimed = await db.tokenSet.updateMany({
        where: { id: tokenSetId, version: tokenSet.version, OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lte: new Date(now) } }] },
        data: { refreshLeaseUntil: new Date(now + LEASE_MS), refreshLeaseOwner: owner },
      });
      if (claimed.count === 1) {
        const outcome = await refreshUnderLease(db, connection, { ...tokenSet, refreshLeaseOwner: owner }, { ...request.context, owner });
        if (outcome) return outcome;
      }
      continue;
    }
    if (Date.now() > deadline) {
      return { kind: "stale", tokenSet, retryAfterSeconds: secondsUntil(tokenSet.refreshLeaseUntil!, now), reason: "Another refresh of this token set is still running." };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The provider call, outside any transaction; null when the lease was lost meanwhile (the loop re-reads). */
async function refreshUnderLease(db: Db, connection: Connection, tokenSet: TokenSet, context: RefreshContext): Promise<FreshnessOutcome | null> {
  let tokens;
  try {
    tokens = await requestNewTokens(connection, tokenSet);
  } catch (error) {
    const failure = await classifyRefreshFailure(error, connection);
    await saveRefreshFailure(db, connection, tokenSet, failure, context);
    const after = await db.tokenSet.findUnique({ where: { id: tokenSet.id } });
    if (!after) return { kind: "gone" };
    if (failure.kind === "rejected") return { kind: "reauthorization-required", tokenSet: after };
    const retryAfter = after.coolDownUntil ? secondsUntil(after.coolDownUntil, Date.now()) : 1;
    return { kind: "stale", tokenSet: after, retryAfterSeconds: retryAfter, reason: describeFailure(failure.diagnosis) };
  }
  const saved = await saveRefreshedTokens(db, connection, tokenSet, tokens, context);
  if (!saved) {
    console.warn(`[handshake] token refresh for connection ${connection.id} finished after its lease passed to another process; its result was dropped`);
    return null;
  }
  return { kind: "fresh", tokenSet: saved };
}

function secondsUntil(date: Date, now: number): number {
  return Math.max(1, Math.ceil((date.getTime() - now) / 1000));
}
