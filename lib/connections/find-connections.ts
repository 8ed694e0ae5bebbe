import type { Connection } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import { runRawQuery, sql } from "@/lib/db/raw-sql";
import { expiryDateText } from "@/lib/connections/secret-expiry";

/**
 * The stored row, secrets still sealed; null when it does not exist. Plain SQL (lib/db/raw-sql.ts):
 * every test and page of a connection starts here, and the row is the same as Prisma's.
 */
export async function findConnection(connectionId: string): Promise<Connection | null> {
  const [row] = await runRawQuery<Connection>(sql`SELECT * FROM "Connection" WHERE "id" = ${connectionId}`);
  return row ?? null;
}

/** The audit kinds that move a connection's createdBy/updatedBy. */
const CONFIGURATION_ACTIONS = [
  "connection.created",
  "connection.duplicated",
  "connection.updated",
  "connection.enabled",
  "connection.disabled",
  "connection.secret_rotated",
];

/** Who the audit trail says made the latest configuration change matching `actions`, if it still holds it. */
async function findLatestConfigurationActor(connectionId: string, actions: string[]): Promise<string | null> {
  const event = await db.auditEvent.findFirst({
    where: { connectionId, action: { in: actions } },
    orderBy: { seq: "desc" },
    select: { actorEmail: true },
  });
  return event?.actorEmail ?? null;
}

/**
 * The row with who created and last changed it, for the detail page. A change made with an API key
 * (or by a user since deleted) has no user row, so its author is read from the audit trail, which
 * names the key ("API key <name>").
 */
export async function findConnectionWithAuthors(connectionId: string) {
  const row = await db.connection.findUnique({
    where: { id: connectionId },
    include: { createdBy: { select: { email: true } }, updatedBy: { select: { email: true } } },
  });
  if (!row) return null;
  const createdBy =
    row.createdBy ??
    (await findLatestConfigurationActor(connectionId, CONFIGURATION_ACTIONS.slice(0, 2)).then((email) =>
      email ? { email } : null,
    ));
  const updatedBy =
    row.updatedBy ??
    (await findLatestConfigurationActor(connectionId, CONFIGURATION_ACTIONS).then((email) =>
      email ? { email } : null,
    ));
  return { ...row, createdBy, updatedBy };
}

/** The row with the email of who last changed it, for the edit conflict flow. */
export async function findConnectionWithEditor(connectionId: string) {
  return db.connection.findUnique({ where: { id: connectionId }, include: { updatedBy: { select: { email: true } } } });
}

/** Just id and name, for page titles and headers. */
export async function findConnectionName(connectionId: string): Promise<{ id: string; name: string } | null> {
  return db.connection.findUnique({ where: { id: connectionId }, select: { id: true, name: true } });
}

/** Whether a client secret is stored, so a form may leave the secret field empty to keep it. */
/** What the form's validation needs of the stored secret: whether there is one, and its expiry date. */
export async function findStoredSecretFacts(
  connectionId: string,
): Promise<{ hasStoredSecret: boolean; storedSecretExpiresOn?: string }> {
  const row = await db.connection.findUnique({
    where: { id: connectionId },
    select: { clientSecretEncrypted: true, clientSecretExpiresAt: true },
  });
  return {
    hasStoredSecret: Boolean(row?.clientSecretEncrypted),
    storedSecretExpiresOn: row?.clientSecretExpiresAt ? expiryDateText(row.clientSecretExpiresAt) : undefined,
  };
}

/** What decides how the token status panel reads: shared or per-user tokens, and the grant. */
export async function findConnectionTokenPolicy(connectionId: string) {
  return db.connection.findUnique({ where: { id: connectionId }, select: { tokenSharing: true, grantType: true } });
}
