import { FormattedDate } from "@/components/ui/formatted-date";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TokenReadRow } from "@/lib/api-keys/list-api-keys";

/** Token reads per hour, by key (on a connection's page) or by connection (on a key's page). */
export function TokenReadsTable({ rows, by }: { rows: TokenReadRow[]; by: "key" | "connection" }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No token reads in the last 48 hours.</p>;
  return (
    <Table aria-label="Token reads per hour">
      <TableHeader>
        <TableRow>
          <TableHead>Hour (starting)</TableHead>
          <TableHead>{by === "key" ? "API key" : "Connection"}</TableHead>
          <TableHead className="text-right">Reads</TableHead>
          <TableHead>Last read</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.hourStart.getTime()}-${row.apiKeyId}-${row.connectionId}`} data-testid="token-read-row">
            <TableCell>
              <FormattedDate value={row.hourStart} />
            </TableCell>
            <TableCell>{by === "key" ? row.keyName : row.connectionName}</TableCell>
            <TableCell className="text-right tabular-nums">{row.count}</TableCell>
            <TableCell>
              <FormattedDate value={row.lastReadAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
