import Link from "next/link";
import { FormattedDate } from "@/components/ui/formatted-date";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiKeyStatusBadge } from "@/components/api-keys/api-key-status-badge";
import type { ApiKeySummary } from "@/lib/api-keys/list-api-keys";

/** Keys by name and prefix, what they may read and how much they were used; never a key. */
export function ApiKeysTable({ keys }: { keys: ApiKeySummary[] }) {
  return (
    <Table aria-label="API keys">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Key</TableHead>
          <TableHead>Connections</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead className="text-right">Token reads (24 h)</TableHead>
          <TableHead>Created</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
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
      </TableBody>
    </Table>
  );
}
