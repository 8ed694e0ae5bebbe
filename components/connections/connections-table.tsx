import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { FormattedDate } from "@/components/ui/formatted-date";
import { ConnectionStatusBadge } from "@/components/connections/connection-status-badge";
import { GRANT_TYPE_LABELS, isGrantType } from "@/lib/oauth/connection-options";
import { providerLabel } from "@/lib/oauth/provider-presets";
import type { ConnectionListRow } from "@/lib/connections/list-connections";

/** Where a row's name leads: a draft resumes in the wizard for admins; everything else opens the detail page. */
function hrefFor(row: ConnectionListRow, canEdit: boolean): string {
  return row.status === "DRAFT" && canEdit ? `/connections/new?draft=${row.id}` : `/connections/${row.id}`;
}

export function ConnectionsTable({ rows, canEdit }: { rows: ConnectionListRow[]; canEdit: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Provider</TableHead>
          <TableHead>Grant type</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last tested</TableHead>
          <TableHead>Owner</TableHead>
          <TableHead>Updated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="connection-row">
            <TableCell className="font-medium">
              <Link href={hrefFor(row, canEdit)} className="hover:underline">
                {row.name}
              </Link>
            </TableCell>
            <TableCell>{providerLabel(row.providerType)}</TableCell>
            <TableCell>{isGrantType(row.grantType) ? GRANT_TYPE_LABELS[row.grantType] : row.grantType}</TableCell>
            <TableCell>
              <ConnectionStatusBadge status={row.status} health={row.health} enabled={row.enabled} />
            </TableCell>
            <TableCell className="text-muted-foreground">{row.lastTestedAt ? <FormattedDate value={row.lastTestedAt} /> : "Never"}</TableCell>
            <TableCell className="text-muted-foreground">{row.owner ?? "—"}</TableCell>
            <TableCell className="text-muted-foreground">
              <FormattedDate value={row.updatedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
