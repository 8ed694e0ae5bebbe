/**
 * What the top of a connection's detail page says about its health: why it is Failing (the latest
 * problem, whichever source found it), the last completed test and its outcome, the shared
 * token's validity, when the token API last served a token, and how old the client secret is.
 * Reads no secret.
 */
import { prisma } from "@/lib/db/prisma";
import { listTokenStatuses, SHARED_OWNER } from "@/lib/tokens/token-store";
import { storedDiagnosisTitle } from "@/lib/connection-tests/stored-test-run";
import { parseHealthProblem, type HealthProblem } from "@/lib/connections/health-problem";

/** A test that ran to its end; a cancelled or abandoned one says nothing about the connection. */
const COMPLETED_TEST_STATUSES = ["SUCCESS", "WARNING", "FAILED"];

export type ConnectionHealthFacts = {
  /** Why the connection is Failing; null when it is not. */
  problem: HealthProblem | null;
  lastTest: { id: string; status: string; startedAt: Date; diagnosisTitle: string | null } | null;
  /** The shared token set, or for a Per-user connection the number of connected accounts. */
  sharedToken: { expiresAt: Date | null; expired: boolean; refreshTokenPresent: boolean } | null;
  connectedAccounts: number;
  /** When the token API last handed out one of this connection's tokens (null: never). */
  lastServedAt: Date | null;
};

export async function loadConnectionHealth(connectionId: string): Promise<ConnectionHealthFacts> {
  const [connection, lastRun, statuses, lastServed] = await Promise.all([
    prisma.connection.findUnique({ where: { id: connectionId }, select: { health: true, healthProblem: true } }),
    prisma.testRun.findFirst({
      where: { connectionId, purpose: "TEST", status: { in: COMPLETED_TEST_STATUSES } },
      orderBy: { startedAt: "desc" },
      select: { id: true, status: true, startedAt: true, diagnosis: true },
    }),
    listTokenStatuses(connectionId),
    prisma.tokenSet.findFirst({
      where: { connectionId, lastServedAt: { not: null } },
      orderBy: { lastServedAt: "desc" },
      select: { lastServedAt: true },
    }),
  ]);
  const shared = statuses.find((s) => s.ownerKey === SHARED_OWNER);
  const failing = connection?.health === "FAILING";
  return {
    problem: failing
      ? (parseHealthProblem(connection.healthProblem) ?? recordedBeforeProblems(lastRun, statuses))
      : null,
    lastTest: lastRun
      ? {
          id: lastRun.id,
          status: lastRun.status,
          startedAt: lastRun.startedAt,
          diagnosisTitle: storedDiagnosisTitle(lastRun.diagnosis),
        }
      : null,
    sharedToken: shared
      ? { expiresAt: shared.expiresAt, expired: shared.expired, refreshTokenPresent: shared.refreshTokenPresent }
      : null,
    connectedAccounts: statuses.filter((s) => s.ownerKey !== SHARED_OWNER).length,
    lastServedAt: lastServed?.lastServedAt ?? null,
  };
}

/** A connection that went Failing before problems were kept: the failed last test, or a refused refresh. */
function recordedBeforeProblems(
  lastRun: { id: string; status: string; startedAt: Date; diagnosis: string | null } | null,
  statuses: Awaited<ReturnType<typeof listTokenStatuses>>,
): HealthProblem | null {
  if (lastRun && lastRun.status !== "SUCCESS") {
    return {
      source: "test",
      title: storedDiagnosisTitle(lastRun.diagnosis) ?? "The test did not pass",
      code: null,
      at: lastRun.startedAt.toISOString(),
      by: null,
      testRunId: lastRun.id,
    };
  }
  const refused = statuses.find((s) => s.needsReauthorization && s.lastRefreshError);
  return refused
    ? {
        source: "refresh",
        title: refused.lastRefreshError!,
        code: null,
        at: (refused.refreshedAt ?? refused.obtainedAt).toISOString(),
        by: null,
      }
    : null;
}
