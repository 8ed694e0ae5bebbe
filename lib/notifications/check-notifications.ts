/**
 * "Scheduled check could not run" (#24): the check itself failed, not the provider (the client
 * secret cannot be opened, an unexpected error), so the connection's health says nothing new and
 * someone has to look at Handshake. Once per incident: the conditional update of `checkErrorAt`
 * decides, so repeated failed checks, or two replicas, send one event; a check that runs again
 * ends the incident.
 */
import type { Db } from "@/lib/db/prisma";
import { sql, sqlRunnerFor } from "@/lib/db/raw-sql";
import { SecretDecryptionError } from "@/lib/crypto/secret-box";
import { safeText } from "@/lib/oauth/redact";
import { emitNotificationEvent } from "@/lib/notifications/emit-notification";

/** Why, in words that hold no secret: the error's kind and its (redacted, shortened) message. */
export function checkErrorReason(error: unknown): string {
  if (error instanceof SecretDecryptionError)
    return "its client secret cannot be opened (was the encryption key changed or removed?)";
  return error instanceof Error ? `${error.name}: ${safeText(error.message, 200)}` : "an unexpected error";
}

export async function notifyCheckCouldNotRun(
  db: Db,
  connection: { id: string; name: string },
  error: unknown,
  now = new Date(),
): Promise<void> {
  const reason = checkErrorReason(error);
  await db.$transaction(async (tx) => {
    const runner = sqlRunnerFor(tx);
    const started = await runner.execute(
      sql`UPDATE "Connection" SET "checkErrorAt" = ${now} WHERE "id" = ${connection.id} AND "checkErrorAt" IS NULL`,
    );
    if (started !== 1) return;
    await emitNotificationEvent(
      runner,
      {
        type: "connection.check_could_not_run",
        payload: {
          connectionId: connection.id,
          connectionName: connection.name,
          summary: `The scheduled check of ${connection.name} could not run: ${reason}. Its health was not changed.`,
          title: null,
          fix: "Look at the connection in Handshake (its client secret, the encryption keys) and at the server's log.",
          code: null,
          testRunId: null,
          at: now.toISOString(),
        },
      },
      now,
    );
  });
}

/** A check ran to its end: the next one that cannot run is a new incident. */
export async function endCheckErrorIncident(db: Db, connectionId: string): Promise<void> {
  await db.connection.updateMany({
    where: { id: connectionId, checkErrorAt: { not: null } },
    data: { checkErrorAt: null },
  });
}
