/**
 * Applies the change a test's probes found to work (lib/connection-tests/probes), and only that change, when
 * the admin clicks the button on the result: an audited update at the version the test ran
 * against, so a connection edited since then is never overwritten with a stale suggestion.
 */
import { z } from "zod";
import type { Connection } from "@/lib/db/generated/client";
import { prisma as db } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { diffFields } from "@/lib/audit/diff";
import { auditSnapshotOf } from "@/lib/connections/connection-record";
import { ApplicationError } from "@/lib/errors/application-error";
import {
  AUDIT_OPTIONS,
  ConnectionNotFoundError,
  TARGET,
  conflictFor,
  updateAtVersion,
} from "@/lib/connections/connection-writes";
import { scopeTokenProblem } from "@/lib/oauth/scopes";

const suggestionSchema = z.object({
  action: z.string().max(300),
  connectionVersion: z.number().int().min(1),
  change: z
    .object({
      clientAuthMethod: z.enum(["client_secret_basic", "client_secret_post"]).optional(),
      basicAuthEncoding: z.enum(["form", "plain"]).optional(),
      clientAssertionAudience: z.enum(["issuer", "token_endpoint"]).optional(),
      scopes: z
        .array(z.string().refine((s) => !scopeTokenProblem(s)))
        .max(20)
        .optional(),
      grantType: z.literal("authorization_code_pkce").optional(),
      parMode: z.literal("WHEN_REQUIRED").optional(),
    })
    .strict(),
});

export async function applyTestFix(
  actor: AuditActor,
  request: { connectionId: string; testRunId: string },
): Promise<{ action: string; version: number }> {
  return db.$transaction(async (tx) => {
    const run = await tx.testRun.findFirst({
      where: { id: request.testRunId, connectionId: request.connectionId },
      select: { id: true, diagnosis: true },
    });
    if (!run) throw new ConnectionNotFoundError();
    const parsed = suggestionSchema.safeParse(parseJson(run.diagnosis)?.suggestion);
    if (!parsed.success) throw new ApplicationError("This test result has no change to apply.");
    const { change, connectionVersion, action } = parsed.data;
    const current = await tx.connection.findUnique({ where: { id: request.connectionId } });
    if (!current) throw new ConnectionNotFoundError();
    if (current.version !== connectionVersion) throw await conflictFor(tx, current.id);

    const columns: Partial<Connection> = {};
    if (change.clientAuthMethod) columns.clientAuthMethod = change.clientAuthMethod;
    if (change.basicAuthEncoding) columns.basicAuthEncoding = change.basicAuthEncoding;
    if (change.clientAssertionAudience) columns.clientAssertionAudience = change.clientAssertionAudience;
    if (change.scopes) columns.scopes = JSON.stringify(change.scopes);
    if (change.grantType) columns.grantType = change.grantType;
    if (change.parMode) columns.parMode = change.parMode;
    const row = await updateAtVersion(tx, current, connectionVersion, { ...columns, updatedById: actor.id });
    await recordAuditEvent(tx, {
      actor,
      action: "connection.updated",
      target: TARGET(row),
      details: {
        diff: diffFields(auditSnapshotOf(current), auditSnapshotOf(row), AUDIT_OPTIONS),
        reason: `Fix found by test ${run.id}: ${action}`,
      },
    });
    return { action, version: row.version };
  });
}

function parseJson(text: string | null): { suggestion?: unknown } | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as { suggestion?: unknown };
  } catch {
    return undefined;
  }
}
