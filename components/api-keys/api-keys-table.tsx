import Link from "next/link";
import { FormattedDate } from "@/components/ui/formatted-date";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { ApiKeyStatusBadge } from "@/components/api-keys/api-key-status-badge";
import type { ApiKeySummary } from "@/lib/api-keys/list-api-keys";

/** Keys by name and prefix, what they may read and how much they were used; never a key. */
export function ApiKeysTable({ keys }: { keys: ApiKeySummary[] }) {
  return (
    <DataTable
      label="API keys"
      columns={[
        "Name",
        "Key",
        "Connections",
        "Status",
        "Last used",
        { label: "Token reads (24 h)", className: "text-right" },
        "Created",
      ]}
    >
      {keys.map((key) => (
        <TableRow key={key.id} data-testid="api-key-row">
          <TableCell>
            <Link href={`/api-keys/${key.id}`} className="font-medium hover:underline">
              {key.name}
            </Link>
          </TableCell>
          <TableCell>
            <code className="font-mono text-xs">{key.displayPrefix}…</code>
          </TableCell>
          <TableCell className="max-w-64 truncate">{key.allConnections ? "All connections" : key.connections.map((c) => c.name).join(", ") || "None left"}</TableCell>
          <TableCell>
            <ApiKeyStatusBadge status={key.status} />
          </TableCell>
          <TableCell>{key.lastUsedAt ? <FormattedDate value={key.lastUsedAt} /> : "Never"}</TableCell>
          <TableCell className="text-right tabular-nums">{key.readsLast24h}</TableCell>
          <TableCell>
            <FormattedDate value={key.createdAt} />
            {key.createdByEmail ? <div className="text-xs text-muted-foreground">by {key.createdByEmail}</div> : null}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
