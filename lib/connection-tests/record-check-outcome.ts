/**
 * The health a code-flow connection's scheduled check writes (lib/connection-tests/code-flow-check.ts).
 * A failure becomes the connection's problem (source "check") unless it is already Failing for
 * another reason, which stays the cause shown. A passing check clears only a problem a check
 * found: it proves the provider answers, not that a login works, so a failed test or a refused
 * refresh stays until a test passes. Notifications follow the health change as for tests
 * (lib/notifications/health-notifications.ts), once per incident.
 */
import type { Connection } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/prisma";
import { sql, sqlRunnerFor } from "@/lib/db/raw-sql";
import type { Diagnosis } from "@/lib/diagnosis/diagnosis";
import { markConnectionFailing, parseHealthProblem } from "@/lib/connections/health-problem";
import { notifyHealthChange } from "@/lib/notifications/health-notifications";

export async function recordCheckFailure(
  db: Db,
  connection: Connection,
  diagnosis: Diagnosis,
  now = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    const runner = sqlRunnerFor(tx);
    const [row] = await runner.query<{ health: string }>(
      sql`SELECT "health" FROM "Connection" WHERE "id" = ${connection.id}`,
    );
    if (!row || row.health === "FAILING") return;
    const finding = {
      diagnosis: { title: diagnosis.title, fix: diagnosis.fix, code: diagnosis.code },
      testRunId: null,
    };
    await notifyHealthChange(runner, connection, "FAILING", finding, now);
    await markConnectionFailing(runner, connection.id, {
      source: "check",
      title: diagnosis.title,
      code: diagnosis.code,
      at: now.toISOString(),
      by: null,
    });
  });
}

export async function recordCheckPassed(db: Db, connection: Connection, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const runner = sqlRunnerFor(tx);
    const [row] = await runner.query<{ health: string; healthProblem: string | null; lastTestedAt: unknown }>(
      sql`SELECT "health", "healthProblem", "lastTestedAt" FROM "Connection" WHERE "id" = ${connection.id}`,
    );
    if (row?.health !== "FAILING" || parseHealthProblem(row.healthProblem)?.source !== "check") return;
    // Before it was Failing it was Healthy or never tested: a failed test would have been its problem.
    if (row.lastTestedAt === null) {
      await runner.execute(
        sql`UPDATE "Connection" SET "health" = ${"NOT_TESTED"}, "healthProblem" = NULL WHERE "id" = ${connection.id}`,
      );
      return;
    }
    await notifyHealthChange(runner, connection, "HEALTHY", { diagnosis: null, testRunId: null }, now);
    await runner.execute(sql`UPDATE "Connection" SET "healthProblem" = NULL WHERE "id" = ${connection.id}`);
  });
}
