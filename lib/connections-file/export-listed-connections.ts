import { prisma as db } from "@/lib/db/prisma";
import { connectionListWhere, type ConnectionListQuery } from "@/lib/connections/list-connections";
import { exportConnections } from "@/lib/connections-file/export-connections";
import type { ConnectionsFile } from "@/lib/connections-file/connections-file-schema";

/** The Export button: the active connections the list shows with its current filters (all without any). */
export async function exportListedConnections(query: ConnectionListQuery): Promise<ConnectionsFile> {
  if (!(query.q || query.grant || query.provider || query.status)) return exportConnections({});
  const rows = await db.connection.findMany({ where: connectionListWhere(query), select: { id: true } });
  return exportConnections({ connectionIds: rows.map((row) => row.id) });
}
