import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FactList, type Fact } from "@/components/ui/fact-list";
import { FormattedDate } from "@/components/ui/formatted-date";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { ConnectMyAccountButton } from "@/components/connections/connect-my-account-button";
import { KeysReadingMyToken } from "@/components/connections/keys-reading-my-token";
import { getSessionUser } from "@/lib/auth/session";
import { findConnectionTokenPolicy } from "@/lib/connections/find-connections";
import { listTokenStatuses, SHARED_OWNER, type TokenStatus as StoredTokenStatus } from "@/lib/tokens/token-store";

/**
 * The stored tokens of a connection, without any token value: valid until, refresh token
 * present, last refreshed, expired. Per-user connections list each user and offer
 * "Connect my account" to admins, with the API keys that may read their token.
 */
export async function TokenStatus({ connectionId }: { connectionId: string }) {
  const [connection, statuses, me] = await Promise.all([
    findConnectionTokenPolicy(connectionId),
    listTokenStatuses(connectionId),
    getSessionUser(),
  ]);
  if (!connection) return null;
  const perUser = connection.tokenSharing === "PER_USER" && connection.grantType !== "client_credentials";

  if (!perUser) {
    const shared = statuses.find((s) => s.ownerKey === SHARED_OWNER);
    return (
      <Card aria-labelledby="token-status-heading">
        <CardHeader>
          <CardTitle id="token-status-heading">Token status</CardTitle>
          <CardDescription>
            The connection&apos;s shared token set (its saved login credentials), stored encrypted.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {shared ? (
            <TokenFacts status={shared} fetchedOnDemand={connection.grantType === "client_credentials"} />
          ) : (
            <p className="text-sm text-muted-foreground">No token stored yet. A successful test stores one.</p>
          )}
        </CardContent>
      </Card>
    );
  }

  const mine = me ? statuses.find((s) => s.ownerKey === me.id) : undefined;
  return (
    <Card aria-labelledby="token-status-heading">
      <CardHeader>
        <CardTitle id="token-status-heading">Token status</CardTitle>
        <CardDescription>
          Per user: each user connects their own account and gets their own tokens, stored encrypted.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {me?.role === "ADMIN" ? (
          <>
            <ConnectMyAccountButton connectionId={connectionId} reconnect={Boolean(mine)} />
            <KeysReadingMyToken connectionId={connectionId} userId={me.id} />
          </>
        ) : null}
        {statuses.length === 0 ? (
          <p className="text-sm text-muted-foreground">No user has connected an account yet.</p>
        ) : (
          <DataTable
            label="Connected accounts"
            columns={["User", "Status", "Valid until", "Refresh token", "Last refreshed"]}
          >
            {statuses.map((status) => (
              <TableRow key={status.ownerKey}>
                <TableCell>
                  {status.userEmail ?? (status.ownerKey === SHARED_OWNER ? "Shared" : "deleted user")}
                </TableCell>
                <TableCell>
                  <ExpiryBadge status={status} />
                </TableCell>
                <TableCell>{status.expiresAt ? <FormattedDate value={status.expiresAt} /> : "Unknown"}</TableCell>
                <TableCell>{status.refreshTokenPresent ? "Present" : "None"}</TableCell>
                <TableCell>{status.refreshedAt ? <FormattedDate value={status.refreshedAt} /> : "Never"}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </CardContent>
    </Card>
  );
}

/** A client-credentials token that expired is fetched again on the next request: no alarm. */
function ExpiryBadge({ status, fetchedOnDemand = false }: { status: StoredTokenStatus; fetchedOnDemand?: boolean }) {
  if (status.suspended) return <Badge variant="warning">Suspended: user disabled</Badge>;
  if (status.needsReauthorization)
    return <Badge variant="destructive">{fetchedOnDemand ? "Token request refused" : "Needs re-authorization"}</Badge>;
  if (status.expired && fetchedOnDemand) return <Badge variant="outline">Expired: fetched on the next request</Badge>;
  return status.expired ? <Badge variant="destructive">Expired</Badge> : <Badge variant="success">Valid</Badge>;
}

/** Transient failures back the background refresher off; say when it tries again. */
function FailedRefreshes({ status }: { status: StoredTokenStatus }) {
  return (
    <>
      {status.refreshFailures}
      {status.nextBackgroundRefreshAt && (
        <span className="block text-xs text-muted-foreground">
          Background refresh tries again <FormattedDate value={status.nextBackgroundRefreshAt} />
        </span>
      )}
    </>
  );
}

function TokenFacts({ status, fetchedOnDemand }: { status: StoredTokenStatus; fetchedOnDemand: boolean }) {
  const facts: Fact[] = [
    ["Status", <ExpiryBadge key="status" status={status} fetchedOnDemand={fetchedOnDemand} />],
    ["Valid until", status.expiresAt ? <FormattedDate key="until" value={status.expiresAt} /> : "Unknown"],
    ["Refresh token", status.refreshTokenPresent ? "Present" : "None"],
    ["Last refreshed", status.refreshedAt ? <FormattedDate key="refreshed" value={status.refreshedAt} /> : "Never"],
    ["Refresh token rotations", String(status.refreshTokenRotations)],
    [
      "Last served by the token API",
      status.lastServedAt ? <FormattedDate key="served" value={status.lastServedAt} /> : "Never",
    ],
    ...(status.lastRefreshError ? [["Last refresh error", status.lastRefreshError] as Fact] : []),
    ...(status.refreshFailures > 0
      ? [["Failed refreshes in a row", <FailedRefreshes key="failures" status={status} />] as Fact]
      : []),
    ["Obtained", <FormattedDate key="obtained" value={status.obtainedAt} />],
    ["Token type", status.tokenType],
    ["Scope", status.scope ?? "not reported"],
  ];
  return <FactList facts={facts} testId="token-status" />;
}
