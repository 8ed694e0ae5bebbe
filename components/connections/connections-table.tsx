import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/relative-time";
import { ConnectionStatusBadge } from "@/components/connections/connection-status-badge";
import { GRANT_TYPE_LABELS, isGrantType } from "@/lib/connections/connection-options";
import { providerLabel } from "@/lib/connections/provider-presets";
import type { ConnectionListRow } from "@/lib/connections/list-connections";
import { credentialExpiryBadge } from "@/lib/connections/credential-expiry";
import { Badge } from "@/components/ui/badge";

/** Where a row leads: a draft resumes in the wizard for admins; everything else opens the detail page. */
function hrefFor(row: ConnectionListRow, canEdit: boolean): string {
  return row.status === "DRAFT" && canEdit ? `/connections/new?draft=${row.id}` : `/connections/${row.id}`;
}

/** "Secret expires in 5 days" / "Certificate expired": the first to expire, from the first reminder on. */
function ExpiryBadge({ expiry }: { expiry: ConnectionListRow["expiry"] }) {
  const text = expiry && credentialExpiryBadge(expiry.credential, expiry.inDays);
  if (!text || !expiry) return null;
  return (
    <Badge variant={expiry.inDays < 0 ? "destructive" : "warning"} className="mt-1 block w-fit">
      {text}
    </Badge>
  );
}

function grantLabel(grantType: string): string {
  return isGrantType(grantType) ? GRANT_TYPE_LABELS[grantType] : grantType;
}

/**
 * The connection list. The name link stretches over its row, so the whole row is one click
 * target. Below the md breakpoint the secondary columns fold under the name, so the table fits
 * a phone without scrolling sideways.
 */
export function ConnectionsTable({ rows, canEdit }: { rows: ConnectionListRow[]; canEdit: boolean }) {
  return (
    <DataTable
      label="Connections"
      columns={[
        "Name",
        { label: "Provider", className: "hidden md:table-cell" },
        { label: "Grant type", className: "hidden lg:table-cell" },
        "Status",
        { label: "Last tested", className: "hidden md:table-cell" },
        { label: "Owner", className: "hidden xl:table-cell" },
        { label: "Updated", className: "hidden sm:table-cell" },
      ]}
    >
      {rows.map((row) => (
        <TableRow
          key={row.id}
          data-testid="connection-row"
          className="relative cursor-pointer focus-within:bg-muted/40"
        >
          <TableCell className="max-w-[16rem] font-medium">
            <Link
              href={hrefFor(row, canEdit)}
              className="block truncate outline-none after:absolute after:inset-0 hover:underline focus-visible:underline"
              title={row.name}
            >
              {row.name}
            </Link>
            <span className="block truncate text-xs font-normal text-muted-foreground md:hidden">
              {providerLabel(row.providerType)} · {grantLabel(row.grantType)}
            </span>
          </TableCell>
          <TableCell className="hidden md:table-cell">{providerLabel(row.providerType)}</TableCell>
          <TableCell className="hidden lg:table-cell">{grantLabel(row.grantType)}</TableCell>
          <TableCell>
            <ConnectionStatusBadge
              status={row.status}
              health={row.health}
              grantType={row.grantType}
              enabled={row.enabled}
              tokenExpiresAt={row.tokenExpiresAt}
            />
            <ExpiryBadge expiry={row.expiry} />
          </TableCell>
          <TableCell className="hidden text-muted-foreground md:table-cell">
            {row.lastTestedAt ? <RelativeTime value={row.lastTestedAt} /> : "Never"}
          </TableCell>
          <TableCell
            className="hidden max-w-[14rem] truncate text-muted-foreground xl:table-cell"
            title={row.owner ?? undefined}
          >
            {row.owner ?? "—"}
          </TableCell>
          <TableCell className="hidden text-muted-foreground sm:table-cell">
            <RelativeTime value={row.updatedAt} />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
