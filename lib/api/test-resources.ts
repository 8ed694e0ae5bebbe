/**
 * POST /api/v1/connections/{id or name}/tests runs a client-credentials test synchronously
 * through the console's own runner (lib/connection-tests/run-client-credentials-test.ts), bounded
 * by a timeout; with `signingKey: "next"` it is a key rotation's test with the prepared next key.
 * GET /api/v1/tests/{id} reads any stored test run with its redacted trace and diagnosis, if the
 * key may read the test's connection.
 */
import type { z } from "zod";
import { prisma as db } from "@/lib/db/prisma";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { runClientCredentialsTest } from "@/lib/connection-tests/run-client-credentials-test";
import { parseStoredTestRun } from "@/lib/connection-tests/stored-test-run";
import { ApiProblem } from "@/lib/api/api-problem";
import { ApplicationError } from "@/lib/errors/application-error";
import { findVisibleConnection, visibleConnections } from "@/lib/api/connection-resources";
import type { testRunSchema } from "@/lib/api/resource-schemas";

type Key = Pick<AuthenticatedApiKey, "id" | "allConnections">;

/** Longer than any single outbound call's own timeout (lib/net/guarded-fetch.ts), so a slow provider is diagnosed, not cut. */
export const API_TEST_TIMEOUT_MS = 60_000;

export async function runConnectionTestForApi(
  key: Key,
  ref: string,
  actor: AuditActor,
  { timeoutMs = API_TEST_TIMEOUT_MS, signingKey }: { timeoutMs?: number; signingKey?: "next" } = {},
): Promise<z.infer<typeof testRunSchema>> {
  const connection = await findVisibleConnection(key, ref);
  if (signingKey === "next" && !connection.nextPrivateKeyId)
    throw new ApplicationError("There is no new key to test: prepare one first.", "conflict");
  if (connection.grantType !== "client_credentials") {
    throw new ApiProblem(
      "test-not-supported",
      `“${connection.name}” uses ${connection.grantType}: an admin tests it in the console, where the provider's sign-in opens.`,
    );
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ApiProblem(
            "test-timed-out",
            `The test took longer than ${timeoutMs / 1000} s; it goes on and its result appears in the connection's test history.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    // No console user started it: the run has no startedBy, and the audit trail names the key.
    const { testRunId } = await Promise.race([
      runClientCredentialsTest({
        connection,
        user: { id: null, email: actor.email ?? "API key" },
        actor,
        signingKey,
      }),
      timedOut,
    ]);
    return await getTestRunForApi(key, testRunId);
  } finally {
    clearTimeout(timer);
  }
}

export async function getTestRunForApi(key: Key, testRunId: string): Promise<z.infer<typeof testRunSchema>> {
  const row = await db.testRun.findFirst({
    where: { id: testRunId, connection: visibleConnections(key) },
    select: {
      id: true,
      connectionId: true,
      status: true,
      purpose: true,
      grantType: true,
      targetHost: true,
      startedAt: true,
      finishedAt: true,
      durationMs: true,
      result: true,
      trace: true,
      diagnosis: true,
    },
  });
  if (!row) throw new ApiProblem("test-not-found", `No test run this key may read has the id “${testRunId}”.`);
  const run = parseStoredTestRun(row);
  return {
    id: run.id,
    connection_id: run.connectionId,
    status: run.status,
    purpose: run.purpose,
    grant_type: run.grantType,
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    duration_ms: run.durationMs,
    warnings: run.result.warnings,
    trace: run.trace as unknown as Record<string, unknown>[],
    diagnosis: (run.diagnosis as unknown as Record<string, unknown> | null) ?? null,
  };
}
