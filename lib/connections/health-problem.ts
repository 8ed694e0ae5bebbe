/**
 * Why a connection is Failing, whatever found it: a test, a token API request or the background
 * refresher. Kept on the connection (`healthProblem`, JSON) and written in the same statement as
 * its health, so the health card and the inventory name the cause, when it happened and who or
 * what triggered it, next to the status it explains. These writes are plain SQL that leave
 * `updatedAt`/`updatedById` alone: those say who last changed the configuration, and a refresh
 * failure caused by an API key is not an edit by the admin who last saved the form.
 */
import { z } from "zod";
import type { Tx } from "@/lib/db/prisma";
import { sql, sqlRunnerFor, type SqlRunner } from "@/lib/db/raw-sql";
import { parseJsonColumn } from "@/lib/db/json-column";

/**
 * "refresh": a refused refresh recorded before its trigger was kept. "check": a code-flow
 * connection's scheduled check (discovery and key set reachability), which is not a login test.
 */
export const HEALTH_PROBLEM_SOURCES = ["test", "api", "background", "refresh", "check"] as const;
export type HealthProblemSource = (typeof HEALTH_PROBLEM_SOURCES)[number];

const healthProblemSchema = z.object({
  source: z.enum(HEALTH_PROBLEM_SOURCES),
  /** The diagnosis title, as the test result and the token status word it. */
  title: z.string(),
  code: z.string().nullable(),
  at: z.iso.datetime(),
  /** The admin who ran the test, or the API key whose request refreshed ("API key ci (hsk_ab12cd…)"); null for the background refresher. */
  by: z.string().nullable(),
  testRunId: z.string().optional(),
  /** Whose token set a refresh failed for: "shared" or the user's email. */
  owner: z.string().optional(),
});

export type HealthProblem = z.infer<typeof healthProblemSchema>;

export function parseHealthProblem(text: string | null | undefined): HealthProblem | null {
  return parseJsonColumn(text, healthProblemSchema);
}

/** Who or what found the problem, in words: "Test by alice@…", "Token API, API key ci (hsk_…)", "Background refresh". */
export function healthProblemTrigger(problem: Pick<HealthProblem, "source" | "by" | "owner">): string {
  const owner = problem.owner && problem.owner !== "shared" ? ` (token of ${problem.owner})` : "";
  switch (problem.source) {
    case "test":
      return problem.by ? `Test by ${problem.by}` : "Test";
    case "api":
      return `Token API refresh, ${problem.by ?? "an API key"}${owner}`;
    case "background":
      return `Background refresh${owner}`;
    case "refresh":
      return `Token refresh${owner}`;
    case "check":
      return "Scheduled check (discovery and keys, not a login)";
  }
}

/** Health FAILING with its cause. */
export async function markConnectionFailing(
  db: Tx | SqlRunner,
  connectionId: string,
  problem: HealthProblem,
): Promise<void> {
  await sqlRunnerFor(db).execute(
    sql`UPDATE "Connection" SET "health" = ${"FAILING"}, "healthProblem" = ${JSON.stringify(problem)} WHERE "id" = ${connectionId}`,
  );
}
