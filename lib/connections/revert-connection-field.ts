/**
 * One click from a failure back to what last passed a test: sets one protocol field to its value
 * in the last good configuration (lib/connections/good-configuration.ts), audited as an edit and
 * validated like one. The secret goes back to the previous sealed secret without being opened.
 */
import type { Connection } from "@/lib/db/generated/client";
import { ApplicationError } from "@/lib/errors/application-error";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getConfig } from "@/lib/config/env";
import { connectionFormValuesFrom } from "@/lib/connections/connection-record";
import {
  editActiveConnection,
  savedFrom,
  writeAuditedEdit,
  type SavedConnection,
} from "@/lib/connections/connection-writes";
import { findGoodConfiguration, goodColumnsOfField } from "@/lib/connections/good-configuration";
import type { ProtocolField } from "@/lib/connections/protocol-fields";
import { createConnectionSchemas } from "@/lib/schemas/connection";

export async function revertConnectionField(
  actor: AuditActor,
  request: { connectionId: string; version: number; field: ProtocolField },
): Promise<SavedConnection> {
  return editActiveConnection(request, async (tx, current) => {
    const good = await findGoodConfiguration(tx, current.id);
    if (!good)
      throw new ApplicationError("No test of this connection has passed yet: there is no earlier value to go back to.");
    const columns: Record<string, unknown> = { ...goodColumnsOfField(good, request.field) };
    if (request.field === "discoveryMetadata")
      columns.discoveredAt = columns.discoveryMetadata ? (current.discoveredAt ?? good.testedAt) : null;
    const preview = { ...current, ...columns } as Connection;
    // The reverted value must still fit the rest of the connection as it is now.
    const schema = createConnectionSchemas({
      allowHttp: getConfig().outboundAllowHttp,
      hasStoredSecret: Boolean(preview.clientSecretEncrypted),
      storedSecretExpiresOn: connectionFormValuesFrom(current).clientSecretExpiresOn || undefined,
    }).full;
    const checked = schema.safeParse(connectionFormValuesFrom(preview));
    if (!checked.success) {
      throw new ApplicationError(
        `The earlier value no longer fits the connection as it is now: ${checked.error.issues[0]?.message ?? "it is not valid"} Edit the connection instead.`,
      );
    }
    const row = await writeAuditedEdit(tx, actor, current, {
      version: request.version,
      columns,
      details: { revertedTo: good.testRunId },
    });
    return savedFrom(row);
  });
}
