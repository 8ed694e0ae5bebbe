import Link from "next/link";
import { FormattedDate } from "@/components/ui/formatted-date";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { ApiKeyStatusBadge } from "@/components/api-keys/api-key-status-badge";
import type { ApiKeySummary } from "@/lib/api-keys/list-api-keys";
import { USER_ACCESS_LABELS } from "@/lib/schemas/api-key";

/** The key's per-user grant in words: its chosen users by email, or the grant's label. */
export function describeUserAccess(key: Pick<ApiKeySummary, "userAccess" | "users">): string {
  if (key.userAccess !== "CHOSEN_USERS") return USER_ACCESS_LABELS[key.userAccess];
  return key.users.map((u) => u.email).join(", ") || "No chosen user left";
}

/** When, from which address and with which user agent a key was last used. */
export function LastUse({ value }: { value: Pick<ApiKeySummary, "lastUsedAt" | "lastUsedIp" | "lastUsedUserAgent"> }) {
  if (!value.lastUsedAt) return <>Never</>;
  return (
    <div data-testid="api-key-last-use">
      <FormattedDate value={value.lastUsedAt} />
      <div className="max-w-64 truncate text-xs text-muted-foreground" title={value.lastUsedUserAgent ?? undefined}>
        from {value.lastUsedIp ?? "an unknown address"}
        {value.lastUsedUserAgent ? `, ${value.lastUsedUserAgent}` : ""}
      </div>
    </div>
  );
}

/** Keys by name and prefix, what they may read and how much they were used; never a key. */
export function ApiKeysTable({ keys }: { keys: ApiKeySummary[] }) {
  return (
    <DataTable
      label="API keys"
      columns={[
        "Name",
        "Key",
        "Connections",
        "Users' tokens",
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
          <TableCell className="max-w-64 truncate">
            {key.allConnections ? "All connections" : key.connections.map((c) => c.name).join(", ") || "None left"}
          </TableCell>
          <TableCell className="max-w-48 truncate">{describeUserAccess(key)}</TableCell>
          <TableCell>
            <ApiKeyStatusBadge status={key.status} />
          </TableCell>
          <TableCell>
            <LastUse value={key} />
          </TableCell>
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
