/**
 * Exactly one refresh per token set, however many callers ask and however many processes serve
 * them. In a process, callers of the same set share one promise (single flight). Across
 * processes, the flight first claims the set's refresh lease (lib/tokens/refresh-lease.ts: by the
 * database's clock, only when free or expired and the version unchanged), calls the provider with
 * no transaction or lock open while renewing the lease, and saves unless another refresh landed
 * meanwhile. Flights that find the lease taken poll the row until the holder's result lands; a
 * holder that crashed blocks the set only until its lease expires.
 */
import crypto from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { Connection, TokenSet } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/prisma";
import { loadConfigurationForRefresh } from "@/lib/connections/good-configuration";
import { classifyRefreshFailure, describeFailure } from "@/lib/tokens/classify-refresh-failure";
import { processState } from "@/lib/tokens/process-state";
import { needsRefresh } from "@/lib/tokens/refresh-policy";
import { dpopKeyMoved } from "@/lib/tokens/dpop-binding";
import { dpopKeyFactsOf } from "@/lib/connections/connection-dpop-key";
import { claimRefreshLease, holdRefreshLease, REFRESH_LEASE_MS } from "@/lib/tokens/refresh-lease";
import { requestNewTokens } from "@/lib/tokens/request-new-tokens";
import {
  NEEDS_REAUTHORIZATION,
  saveRefreshedTokens,
  saveRefreshFailure,
  type RefreshContext,
} from "@/lib/tokens/save-refresh-outcome";

/** How often a flight waiting on another process's lease tries again (callers in this process share the flight instead). */
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

export type CoordinatorOptions = {
  /** This process's clock, which token expiry is judged by (leases use the database's). */
  now?: () => number;
  leaseMs?: number;
  /** How long a flight waits for another process's refresh before answering "stale". */
  maxWaitMs?: number;
};

export type RefreshCoordinator = { ensureFreshTokenSet(db: Db, request: FreshnessRequest): Promise<FreshnessOutcome> };

type Settings = Required<CoordinatorOptions>;

/** One process's coordinator: the process has one (below); tests make several to play replicas. */
export function createRefreshCoordinator(options: CoordinatorOptions = {}): RefreshCoordinator {
  const leaseMs = options.leaseMs ?? REFRESH_LEASE_MS;
  const settings: Settings = { now: options.now ?? Date.now, leaseMs, maxWaitMs: options.maxWaitMs ?? leaseMs + 5_000 };
  const flights = new Map<string, Promise<FreshnessOutcome>>();
  return {
    ensureFreshTokenSet(db, request) {
      const running = flights.get(request.tokenSetId);
      if (running) return running;
      const flight = runFlight(db, request, settings).finally(() => flights.delete(request.tokenSetId));
      flights.set(request.tokenSetId, flight);
      return flight;
    },
  };
}

const processCoordinator = processState("token-refresh-coordinator", () => createRefreshCoordinator());

export function ensureFreshTokenSet(db: Db, request: FreshnessRequest): Promise<FreshnessOutcome> {
  return processCoordinator.ensureFreshTokenSet(db, request);
}

export function isStillValid(
  tokenSet: Pick<TokenSet, "expiresAt" | "accessTokenEncrypted">,
  now = Date.now(),
): boolean {
  return Boolean(tokenSet.accessTokenEncrypted) && (!tokenSet.expiresAt || tokenSet.expiresAt.getTime() > now);
}

async function runFlight(db: Db, request: FreshnessRequest, settings: Settings): Promise<FreshnessOutcome> {
  const { tokenSetId, minValidSeconds } = request;
  const current =
    "grantType" in request.connection
      ? request.connection
      : await db.connection.findUnique({ where: { id: request.connection.id } });
  // Deleting a connection deletes its token sets.
  if (!current) return { kind: "gone" };
  // An untested edit does not reach the bots: with one, the refresh runs the last tested configuration.
  const connection = await loadConfigurationForRefresh(db, current);
  // Elapsed time on this process, whatever its wall clock says.
  const waitUntil = performance.now() + settings.maxWaitMs;
  let firstVersion: number | undefined;
  for (;;) {
    const tokenSet = await db.tokenSet.findUnique({ where: { id: tokenSetId } });
    if (!tokenSet) return { kind: "gone" };
    firstVersion ??= tokenSet.version;
    const now = settings.now();
    if (tokenSet.state === NEEDS_REAUTHORIZATION) return { kind: "reauthorization-required", tokenSet };
    if (tokenSet.coolDownUntil && tokenSet.coolDownUntil.getTime() > now) {
      return {
        kind: "stale",
        tokenSet,
        retryAfterSeconds: secondsUntil(tokenSet.coolDownUntil, now),
        reason: tokenSet.lastRefreshError ?? "The provider was unavailable.",
      };
    }
    // Someone else's refresh landed while this flight waited: use it.
    const refreshedMeanwhile = tokenSet.version !== firstVersion && isStillValid(tokenSet, now);
    const keyMoved = dpopKeyMoved(tokenSet, dpopKeyFactsOf(connection)?.jkt ?? null);
    if (refreshedMeanwhile || (!needsRefresh(tokenSet, connection, minValidSeconds, now) && !keyMoved))
      return { kind: "fresh", tokenSet };

    const owner = `${PROCESS_ID}:${crypto.randomUUID()}`;
    if (await claimRefreshLease(db, tokenSetId, tokenSet.version, owner, settings.leaseMs)) {
      const outcome = await refreshUnderLease(
        db,
        connection,
        { ...tokenSet, refreshLeaseOwner: owner },
        { ...request.context, owner },
        settings.leaseMs,
      );
      if (outcome) return outcome;
      continue;
    }
    if (performance.now() >= waitUntil) {
      const retryAfterSeconds = tokenSet.refreshLeaseUntil ? secondsUntil(tokenSet.refreshLeaseUntil, now) : 1;
      return {
        kind: "stale",
        tokenSet,
        retryAfterSeconds,
        reason: "Another refresh of this token set is still running.",
      };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The provider call, outside any transaction; null when another refresh landed meanwhile (the loop re-reads). */
async function refreshUnderLease(
  db: Db,
  connection: Connection,
  tokenSet: TokenSet,
  context: RefreshContext,
  leaseMs: number,
): Promise<FreshnessOutcome | null> {
  let tokens;
  try {
    tokens = await holdRefreshLease(db, { tokenSetId: tokenSet.id, owner: context.owner, leaseMs }, () =>
      requestNewTokens(connection, tokenSet),
    );
  } catch (error) {
    const failure = await classifyRefreshFailure(error, connection);
    // Not saved: the lease passed on, and this failure may only be the provider refusing a refresh
    // token another process has already replaced; the loop reads what that process saved.
    if (!(await saveRefreshFailure(db, connection, tokenSet, failure, context))) return null;
    const after = await db.tokenSet.findUnique({ where: { id: tokenSet.id } });
    if (!after) return { kind: "gone" };
    if (failure.kind === "rejected") return { kind: "reauthorization-required", tokenSet: after };
    const retryAfter = after.coolDownUntil ? secondsUntil(after.coolDownUntil, Date.now()) : 1;
    return {
      kind: "stale",
      tokenSet: after,
      retryAfterSeconds: retryAfter,
      reason: describeFailure(failure.diagnosis),
    };
  }
  const saved = await saveRefreshedTokens(db, connection, tokenSet, tokens, context);
  if (!saved) {
    console.warn(
      `[handshake] token refresh for connection ${connection.id} finished after another process's refresh was saved; its result was dropped`,
    );
    return null;
  }
  return { kind: "fresh", tokenSet: saved };
}

function secondsUntil(date: Date, now: number): number {
  return Math.max(1, Math.ceil((date.getTime() - now) / 1000));
}
