/**
 * What the top of a connection's detail page says about its health: the last test and its
 * outcome, the shared token's validity, when the token API last served a token, and how old the
 * client secret is. Reads no secret.
 */
import { prisma } from "@/lib/db/prisma";
import { listTokenStatuses, SHARED_OWNER } from "@/lib/tokens/token-store";
import { storedDiagnosisTitle } from "@/lib/connection-tests/stored-test-run";

export type ConnectionHealthFacts = {
  lastTest: { id: string; status: string; startedAt: Date; diagnosisTitle: string | null } | null;
  /** The shared token set, or for a Per-user connection the number of connected accounts. */
  sharedToken: { expiresAt: Date | null; expired: boolean; refreshTokenPresent: boolean } | null;
  connectedAccounts: number;
  /** When the token API last handed out one of this connection's tokens (null: never). */
  lastServedAt: Date | null;
};

export async function loadConnectionHealth(connectionId: string): Promise<ConnectionHealthFacts> {
  const [lastRun, statuses, lastServed] = await Promise.all([
    prisma.testRun.findFirst({
      where: { connectionId, purpose: "TEST" },
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
  return {
    lastTest: lastRun ? { id: lastRun.id, status: lastRun.status, startedAt: lastRun.startedAt, diagnosisTitle: storedDiagnosisTitle(lastRun.diagnosis) } : null,
    sharedToken: shared ? { expiresAt: shared.expiresAt, expired: shared.expired, refreshTokenPresent: shared.refreshTokenPresent } : null,
    connectedAccounts: statuses.filter((s) => s.ownerKey !== SHARED_OWNER).length,
    lastServedAt: lastServed?.lastServedAt ?? null,
  };
}

/** A test's number in its connection's history (1 = the first), for breadcrumbs such as "Tests › #3". */
export async function testRunNumber(connectionId: string, startedAt: Date): Promise<number> {
  return prisma.testRun.count({ where: { connectionId, startedAt: { lte: startedAt } } });
}
