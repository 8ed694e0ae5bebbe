import { FormattedDate } from "@/components/ui/formatted-date";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import type { TokenReadRow } from "@/lib/api-keys/list-api-keys";

/** Token reads per hour, by key (on a connection's page) or by connection (on a key's page). */
export function TokenReadsTable({ rows, by }: { rows: TokenReadRow[]; by: "key" | "connection" }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No token reads in the last 48 hours.</p>;
  return (
    <DataTable
      label="Token reads per hour"
      columns={[
        "Hour (starting)",
        by === "key" ? "API key" : "Connection",
        { label: "Reads", className: "text-right" },
        "Last read",
      ]}
    >
      {rows.map((row) => (
        <TableRow
          key={`${row.period}-${row.hourStart.getTime()}-${row.apiKeyId}-${row.connectionId}`}
          data-testid="token-read-row"
        >
          <TableCell>
            <FormattedDate value={row.hourStart} />
            {row.period !== "hour" && <span className="text-muted-foreground"> (whole {row.period})</span>}
          </TableCell>
          <TableCell>{by === "key" ? row.keyName : row.connectionName}</TableCell>
          <TableCell className="text-right tabular-nums">{row.count}</TableCell>
          <TableCell>
            <FormattedDate value={row.lastReadAt} />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
