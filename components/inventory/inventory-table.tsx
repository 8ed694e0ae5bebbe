import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { displayOutcome } from "@/components/connections/test-outcome-badge";
import { secretAgeText } from "@/components/inventory/secret-age";
import {
  CHECK_SCHEDULE_LABELS,
  GRANT_TYPE_LABELS,
  type CheckSchedule,
  type GrantType,
} from "@/lib/connections/connection-options";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import type { InventoryRow, TokenStatus } from "@/lib/inventory/list-inventory";
import { healthProblemTrigger } from "@/lib/connections/health-problem";
import { EXPIRING_CREDENTIAL_LABELS, credentialExpiryBadge } from "@/lib/connections/credential-expiry";

const HEALTH: Record<string, { label: string; variant: "success" | "destructive" | "outline" }> = {
  HEALTHY: { label: "Healthy", variant: "success" },
  FAILING: { label: "Failing", variant: "destructive" },
  NOT_TESTED: { label: "Not tested", variant: "outline" },
};

function statusLabel(row: InventoryRow): string {
  if (row.status === "DRAFT") return "Draft";
  return row.enabled ? "Active" : "Disabled";
}

function TokenCell({ token, now }: { token: TokenStatus; now: number }) {
  if (token.count === 0) return <span className="text-muted-foreground">No tokens</span>;
  const allExpired = token.expiredCount === token.count;
  const validUntil = token.validUntil ? new Date(token.validUntil).getTime() : null;
  return (
    <div className="grid gap-0.5 text-xs">
      <div>
        {allExpired && token.fetchedOnDemand ? (
          <Badge variant="outline">Fetched on next request</Badge>
        ) : allExpired ? (
          <Badge variant="destructive">Expired</Badge>
        ) : token.expiredCount > 0 ? (
          <Badge variant="warning">
            {token.expiredCount} of {token.count} expired
          </Badge>
        ) : (
          <Badge variant="success">Valid</Badge>
        )}
      </div>
      <div>
        {validUntil === null ? "No expiry" : validUntil > now ? "Valid until " : "Expired "}
        {token.validUntil ? <RelativeTime value={token.validUntil} /> : null}
      </div>
      <div>{token.refreshTokenPresent ? "Refresh token present" : "No refresh token"}</div>
      <div className="text-muted-foreground">
        Last refreshed {token.lastRefreshedAt ? <RelativeTime value={token.lastRefreshedAt} /> : "never"}
      </div>
      <div className="text-muted-foreground">
        Last served {token.lastServedAt ? <RelativeTime value={token.lastServedAt} /> : "never"}
      </div>
      {token.needsReauthorizationCount > 0 ? <Badge variant="destructive">Needs re-authorization</Badge> : null}
    </div>
  );
}

/** Why a Failing connection fails: the diagnosis, who or what found it, and when. */
function ProblemCell({ row }: { row: InventoryRow }) {
  if (row.problem) {
    return (
      <div className="grid gap-0.5 text-xs" data-testid="inventory-problem">
        <span className="font-medium text-destructive">{row.problem.title}</span>
        <span className="text-muted-foreground">{healthProblemTrigger(row.problem)}</span>
        <span className="text-muted-foreground">
          <RelativeTime value={row.problem.at} />
        </span>
      </div>
    );
  }
  if (row.health === "FAILING")
    return <span className="text-xs text-muted-foreground">See the connection&apos;s tests</span>;
  return <span className="text-xs text-muted-foreground">None</span>;
}

/**
 * The credential that expires first (client secret or certificate), its date and how soon: a
 * warning within 30 days, an alarm once it has passed.
 */
function ExpiresCell({ row }: { row: InventoryRow }) {
  const { expiry } = row;
  if (!expiry) return <span className="text-muted-foreground">Not set</span>;
  const badge = credentialExpiryBadge(expiry.credential, expiry.inDays);
  return (
    <div className="grid gap-0.5">
      <span>
        {expiry.expiresOn}{" "}
        <span className="text-muted-foreground">{EXPIRING_CREDENTIAL_LABELS[expiry.credential]}</span>
      </span>
      {badge ? <Badge variant={expiry.inDays < 0 ? "destructive" : "warning"}>{badge}</Badge> : null}
    </div>
  );
}

/** The schedule and when it runs next; "Off" for a connection that is not checked. */
function NextCheckCell({ row }: { row: InventoryRow }) {
  const schedule = row.checkSchedule as CheckSchedule;
  if (schedule === "off") return <span className="text-muted-foreground">Off</span>;
  return (
    <>
      {CHECK_SCHEDULE_LABELS[schedule] ?? row.checkSchedule},{" "}
      {row.nextCheckAt ? <RelativeTime value={row.nextCheckAt} /> : "time set within a minute"}
    </>
  );
}

export function InventoryTable({
  rows,
  now,
  secretAgeWarningDays,
}: {
  rows: InventoryRow[];
  now: number;
  secretAgeWarningDays: number;
}) {
  return (
    <DataTable
      label="Connection inventory"
      columns={[
        "Connection",
        "Grant type",
        "Status and last test",
        "Problem",
        "Last check",
        "Next check",
        "Token",
        "Client secret",
        "Expires",
        "Created by",
        "Last changed",
      ]}
    >
      {rows.map((row) => {
        const health = HEALTH[row.health] ?? { label: row.health, variant: "outline" as const };
        return (
          <TableRow key={row.id} data-testid="inventory-row" data-name={row.name} className="align-top">
            <TableCell>
              <Link href={`/connections/${row.id}`} className="font-medium hover:underline">
                {row.name}
              </Link>
              <div className="text-xs text-muted-foreground">{row.providerType}</div>
            </TableCell>
            <TableCell className="text-sm">{GRANT_TYPE_LABELS[row.grantType as GrantType] ?? row.grantType}</TableCell>
            <TableCell>
              <div className="flex flex-wrap gap-1">
                <Badge variant="outline">{statusLabel(row)}</Badge>
                {/* A draft cannot be tested yet: no health to show. */}
                {row.status === "DRAFT" ? null : <Badge variant={health.variant}>{health.label}</Badge>}
              </div>
              <div className="mt-1 text-xs text-muted-foreground">
                {row.status === "DRAFT" ? (
                  "Not finished"
                ) : row.lastTestedAt ? (
                  <>
                    Last test:{" "}
                    {row.lastTestStatus
                      ? `${displayOutcome(row.lastTestStatus, new Date(row.lastTestedAt), now).label}, `
                      : ""}
                    <RelativeTime value={row.lastTestedAt} />
                  </>
                ) : (
                  "Never tested"
                )}
              </div>
            </TableCell>
            <TableCell>
              <ProblemCell row={row} />
            </TableCell>
            <TableCell className="text-xs" data-testid="inventory-last-check">
              {row.lastCheckAt ? (
                <RelativeTime value={row.lastCheckAt} />
              ) : (
                <span className="text-muted-foreground">Never</span>
              )}
            </TableCell>
            <TableCell className="text-xs" data-testid="inventory-next-check">
              <NextCheckCell row={row} />
            </TableCell>
            <TableCell>
              <TokenCell token={row.token} now={now} />
            </TableCell>
            <TableCell className="text-sm">
              {row.clientSecretAgeDays === null ? (
                <span className="text-muted-foreground">No secret</span>
              ) : (
                <span
                  className={row.clientSecretAgeDays > secretAgeWarningDays ? "font-medium text-warning" : undefined}
                >
                  {secretAgeText(row.clientSecretAgeDays)}
                </span>
              )}
            </TableCell>
            <TableCell className="text-sm" data-testid="inventory-expires">
              <ExpiresCell row={row} />
            </TableCell>
            <TableCell className="text-sm">
              {row.createdBy ?? <span className="text-muted-foreground">Unknown</span>}
            </TableCell>
            <TableCell className="text-sm">
              <div>{row.updatedBy ?? <span className="text-muted-foreground">Unknown</span>}</div>
              <div className="text-xs text-muted-foreground">
                <RelativeTime value={row.updatedAt} />
              </div>
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}
