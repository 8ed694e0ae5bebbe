/**
 * Turns health changes into events, once per incident: "started failing" when a Healthy
 * connection turns Failing, "recovered" when it turns Healthy again after such an event. Further
 * failures while it is Failing (more tests, 50 refused token requests) change nothing, so they
 * send nothing. Called inside the transaction that writes the new health, before that write: the
 * conditional update below is the one place that decides, so two replicas recording failures at
 * once (PostgreSQL row lock; SQLite one writer) send one event. A connection that keeps changing
 * (lib/notifications/flapping.ts) sends one "flapping" summary instead of each change.
 */
import type { Tx } from "@/lib/db/prisma";
import { sql, sqlRunnerFor, type SqlRunner } from "@/lib/db/raw-sql";
import { emitNotificationEvent } from "@/lib/notifications/emit-notification";
import { FLAP_MAX_CHANGES, FLAP_WINDOW_MS, flappingState } from "@/lib/notifications/flapping";

export type HealthFinding = {
  /** The diagnosis that explains a failure; null for a recovery. */
  diagnosis: { title: string; fix: string | null; code: string | null } | null;
  testRunId: string | null;
};

type ConnectionRef = { id: string; name: string };

export async function notifyHealthChange(
  db: Tx | SqlRunner,
  connection: ConnectionRef,
  health: "HEALTHY" | "FAILING",
  finding: HealthFinding,
  now = new Date(),
): Promise<void> {
  const runner = sqlRunnerFor(db);
  const from = health === "FAILING" ? "HEALTHY" : "FAILING";
  const changed = await runner.execute(
    sql`UPDATE "Connection" SET "health" = ${health} WHERE "id" = ${connection.id} AND "health" = ${from}`,
  );
  if (changed !== 1) return;
  if (health === "HEALTHY" && !(await incidentOpen(runner, connection.id))) return;
  const failing = health === "FAILING";
  const flapping = await flappingState(runner, connection.id, now);
  const payload = {
    connectionId: connection.id,
    connectionName: connection.name,
    summary: failing ? `${connection.name} started failing.` : `${connection.name} recovered: its last check passed.`,
    title: finding.diagnosis?.title ?? null,
    fix: finding.diagnosis?.fix ?? null,
    code: finding.diagnosis?.code ?? null,
    testRunId: finding.testRunId,
    at: now.toISOString(),
  };
  const type = failing ? "connection.failing" : "connection.recovered";
  // Kept in the history either way: the count of changes, and whether an incident is open, read it.
  const summarised = flapping.ongoing || flapping.recentChanges + 1 > FLAP_MAX_CHANGES;
  await emitNotificationEvent(runner, { type, payload, ...(summarised ? { deliver: false as const } : {}) }, now);
  if (!summarised || flapping.ongoing) return;
  const changes = flapping.recentChanges + 1;
  await emitNotificationEvent(
    runner,
    {
      type: "connection.flapping",
      payload: {
        ...payload,
        summary: `${connection.name} is flapping: it changed between Failing and Healthy ${changes} times within ${FLAP_WINDOW_MS / 60_000} minutes and is now ${failing ? "Failing" : "Healthy"}. Further changes are not sent until it has been stable for ${FLAP_WINDOW_MS / 60_000} minutes.`,
      },
    },
    now,
  );
}

/** A refresh token the provider rejected: someone has to authorize again. Sent once per token set. */
export async function notifyNeedsReauthorization(
  db: Tx | SqlRunner,
  connection: ConnectionRef,
  input: { owner: string; diagnosis: { title: string; fix: string; code: string } },
  now = new Date(),
): Promise<void> {
  await emitNotificationEvent(
    db,
    {
      type: "connection.needs_reauthorization",
      payload: {
        connectionId: connection.id,
        connectionName: connection.name,
        summary: `${connection.name} needs re-authorization: the provider rejected the refresh token (${input.owner === "shared" ? "shared token" : `token of ${input.owner}`}).`,
        title: input.diagnosis.title,
        fix: input.diagnosis.fix,
        code: input.diagnosis.code,
        testRunId: null,
        at: now.toISOString(),
      },
    },
    now,
  );
}

/** Whether the connection's last failing/recovered event is a "failing" one. */
async function incidentOpen(runner: SqlRunner, connectionId: string): Promise<boolean> {
  const [last] = await runner.query<{ type: string }>(sql`SELECT "type" FROM "NotificationEvent"
    WHERE "connectionId" = ${connectionId} AND "type" IN (${"connection.failing"}, ${"connection.recovered"})
    ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`);
  return last?.type === "connection.failing";
}
