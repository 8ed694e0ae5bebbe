/**
 * Rotation of a connection's private_key_jwt key without downtime (#21): prepare the next key (the
 * JWKS publishes it next to the current one), test with it, switch (the old key stays published as
 * "retiring" for the grace the admin chose), retire. Every step is audited with kids only. The
 * token API, the refresher and scheduled checks keep signing with the current key throughout.
 */
import type { Connection, Prisma } from "@/lib/db/generated/client";
import { prisma as db, type Db, type Tx } from "@/lib/db/prisma";
import { ApplicationError } from "@/lib/errors/application-error";
import { recordAuditEvent, type AuditActor, type AuditEventInput } from "@/lib/audit/record-audit-event";
import type { AuditAction } from "@/lib/audit/audit-events";
import { TARGET, loadConnection } from "@/lib/connections/connection-writes";
import { sealedNextKeyColumns, type StoredClientKey } from "@/lib/connections/client-keys";
import { resealNextKeyAsCurrent } from "@/lib/connections/client-profile";
import {
  clientKeyFromInput,
  clientKeySummaryOf,
  clientPublicKeyOf,
  type ClientPublicKey,
} from "@/lib/connections/connection-client-key";
import type { ClientKeyInput, ClientKeySummary } from "@/lib/schemas/client-key";
import { RETIRE_GRACE_MS, type RetireGrace } from "@/lib/schemas/client-key-rotation";

const NEXT_KEY_CLEARED = {
  nextPrivateKeyEncrypted: null,
  nextPrivateKeyId: null,
  nextPublicKeyJwk: null,
  nextKeyTestedKid: null,
};
const RETIRING_CLEARED = { retiringPublicKeyJwk: null, retiringKeyRetireAt: null };

export type ClientKeyRotation = {
  next: (ClientPublicKey & { tested: boolean }) | null;
  retiring: { kid: string; retireAt: Date } | null;
};

/** The rotation as the connection's page shows it; a retiring key past its time is gone already. */
export function clientKeyRotationOf(
  row: Pick<Connection, "nextPublicKeyJwk" | "nextKeyTestedKid" | "retiringPublicKeyJwk" | "retiringKeyRetireAt">,
  now: Date = new Date(),
): ClientKeyRotation {
  const next = clientPublicKeyOf({ publicKeyJwk: row.nextPublicKeyJwk });
  const retiring = clientPublicKeyOf({ publicKeyJwk: row.retiringPublicKeyJwk });
  const retireAt = row.retiringKeyRetireAt;
  return {
    next: next && { ...next, tested: row.nextKeyTestedKid === next.kid },
    retiring: retiring && retireAt && retireAt > now ? { kid: retiring.kid, retireAt } : null,
  };
}

async function loadKeyConnection(tx: Tx, connectionId: string): Promise<Connection> {
  const row = await loadConnection(tx, connectionId);
  if (row.clientAuthMethod !== "private_key_jwt" || !row.privateKeyEncrypted)
    throw new ApplicationError("Rotation needs a private_key_jwt connection with a stored key.", "rule");
  return row;
}

/** Writes one step's columns on the key connection, and its audit event, in the caller's transaction. */
async function writeRotationStep<A extends AuditAction>(
  tx: Tx,
  actor: AuditActor,
  current: Connection,
  data: Prisma.ConnectionUncheckedUpdateInput,
  event: Omit<AuditEventInput<A>, "actor" | "target">,
): Promise<Connection> {
  const row = await tx.connection.update({ where: { id: current.id }, data: { ...data, updatedById: actor.id } });
  await recordAuditEvent(tx, { ...event, actor, target: TARGET(row) } as AuditEventInput<A>);
  return row;
}

/** Generates or imports the next key and publishes it in the JWKS next to the current one. */
export async function prepareNextClientKey(
  actor: AuditActor,
  request: { connectionId: string; input: ClientKeyInput },
): Promise<ClientKeySummary> {
  const { key: nextKey, certificateExpiresAt } = clientKeyFromInput(request.input);
  const key: StoredClientKey = { ...nextKey, certificateExpiresAt: certificateExpiresAt?.toISOString() };
  return db.$transaction(async (tx) => {
    const current = await loadKeyConnection(tx, request.connectionId);
    if (current.nextPrivateKeyId)
      throw new ApplicationError(
        `A new key is already prepared (kid ${current.nextPrivateKeyId}): switch to it or discard it first.`,
        "conflict",
      );
    const details = { kid: key.kid, alg: key.alg, source: request.input.source, certificate: Boolean(key.x5tS256) };
    const row = await writeRotationStep(tx, actor, current, sealedNextKeyColumns(current.id, key), {
      action: "connection.client_key_next_prepared",
      details,
    });
    return clientKeySummaryOf({ publicKeyJwk: row.nextPublicKeyJwk })!;
  });
}

/**
 * After a test signed with the next key (`signingKey: "next"`): unless it failed, records that the
 * next key passed, which allows the switch, unless the next key changed meanwhile.
 */
export async function recordNextKeyTest(
  actor: AuditActor,
  test: {
    connection: Pick<Connection, "id" | "nextPrivateKeyId">;
    signingKey: string | null | undefined;
    outcome: string;
    testRunId: string;
  },
): Promise<void> {
  const kid = test.connection.nextPrivateKeyId;
  if (test.signingKey !== "next" || test.outcome === "FAILED" || !kid) return;
  const pass = { connectionId: test.connection.id, kid, testRunId: test.testRunId };
  await db.$transaction(async (tx) => {
    const { count } = await tx.connection.updateMany({
      where: { id: pass.connectionId, nextPrivateKeyId: pass.kid },
      data: { nextKeyTestedKid: pass.kid },
    });
    if (count === 0) return;
    const row = await loadConnection(tx, pass.connectionId);
    await recordAuditEvent(tx, {
      actor,
      action: "connection.client_key_next_tested",
      target: TARGET(row),
      details: { kid: pass.kid, testRunId: pass.testRunId },
    });
  });
}

/** Removes the prepared next key from the connection and from the JWKS. */
export async function discardNextClientKey(actor: AuditActor, connectionId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const current = await loadKeyConnection(tx, connectionId);
    const kid = current.nextPrivateKeyId;
    if (!kid) throw new ApplicationError("There is no new key to discard.", "conflict");
    await writeRotationStep(tx, actor, current, NEXT_KEY_CLEARED, {
      action: "connection.client_key_next_discarded",
      details: { kid },
    });
    return kid;
  });
}

/**
 * Makes the tested next key the current one. The old key stays in the JWKS until now + grace, for
 * providers that cached the key set; refused until a test with this very next key has passed.
 */
export async function switchToNextClientKey(
  actor: AuditActor,
  request: { connectionId: string; grace: RetireGrace; now?: Date },
): Promise<{ kid: string; retireAt: Date | null }> {
  const now = request.now ?? new Date();
  return db.$transaction(async (tx) => {
    const current = await loadKeyConnection(tx, request.connectionId);
    const kid = current.nextPrivateKeyId;
    if (!kid || !current.nextPrivateKeyEncrypted)
      throw new ApplicationError("There is no new key to switch to: prepare one first.", "conflict");
    if (current.nextKeyTestedKid !== kid)
      throw new ApplicationError(
        `Run "Test with new key" first: switching is allowed once a test signed with the new key (kid ${kid}) has passed.`,
        "rule",
      );
    const grace = RETIRE_GRACE_MS[request.grace];
    const retireAt = grace > 0 ? new Date(now.getTime() + grace) : null;
    const columns = {
      ...resealNextKeyAsCurrent({ id: current.id, nextPrivateKeyEncrypted: current.nextPrivateKeyEncrypted }),
      ...NEXT_KEY_CLEARED,
      ...(retireAt ? { retiringPublicKeyJwk: current.publicKeyJwk, retiringKeyRetireAt: retireAt } : RETIRING_CLEARED),
    };
    await writeRotationStep(tx, actor, current, columns, {
      action: "connection.client_key_switched",
      details: { kid, previousKid: current.privateKeyId, retireAt: retireAt?.toISOString() ?? null },
    });
    return { kid, retireAt };
  });
}

/** "Retire old key now": the retiring key leaves the JWKS before its grace ends. */
export async function retireOldClientKey(actor: AuditActor, connectionId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const current = await loadKeyConnection(tx, connectionId);
    const retiring = clientKeyRotationOf(current).retiring;
    if (!retiring) throw new ApplicationError("There is no old key to retire.", "conflict");
    await writeRotationStep(tx, actor, current, RETIRING_CLEARED, {
      action: "connection.client_key_retired",
      details: { kid: retiring.kid },
    });
    return retiring.kid;
  });
}

/** Housekeeping: clears old keys past their retire-at time (the JWKS stopped serving them then). */
export async function clearRetiredClientKeys(database: Db, now: Date): Promise<number> {
  const { count } = await database.connection.updateMany({
    where: { retiringKeyRetireAt: { lte: now } },
    data: RETIRING_CLEARED,
  });
  return count;
}
