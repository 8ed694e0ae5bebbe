/**
 * A test run as a downloadable JSON file: the stored result, diagnosis and trace, which hold only
 * redacted values (secrets and codes never, tokens as an 8-character prefix), plus what identifies
 * the run. Nothing is read from the connection's secrets to build it.
 */
import { parseStoredTestRun } from "@/lib/connection-tests/stored-test-run";

type StoredRow = Parameters<typeof parseStoredTestRun>[0] & { connection: { name: string } };

export function traceDownloadJson(row: StoredRow): string {
  const run = parseStoredTestRun(row);
  return `${JSON.stringify(
    {
      connection: { id: run.connectionId, name: row.connection.name },
      testRun: {
        id: run.id,
        status: run.status,
        purpose: run.purpose,
        grantType: run.grantType,
        targetHost: run.targetHost,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt?.toISOString() ?? null,
        durationMs: run.durationMs,
      },
      diagnosis: run.diagnosis,
      result: run.result,
      trace: run.trace,
    },
    null,
    2,
  )}\n`;
}

export function traceFileName(testRunId: string): string {
  return `handshake-trace-${testRunId.replace(/[^A-Za-z0-9_-]/g, "")}.json`;
}
