import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { FormattedDate } from "@/components/ui/formatted-date";
import { ConnectionActions } from "@/components/connections/connection-actions";
import { ConnectionStatusBadge } from "@/components/connections/connection-status-badge";
import { ConnectionSummary } from "@/components/connections/connection-summary";
import { LintWarnings } from "@/components/connections/lint-warnings";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { TestHistory } from "@/components/connections/test-history";
import { TokenStatus } from "@/components/connections/token-status";
import { ConnectionAuditLink } from "@/components/audit/connection-audit-link";
import { TokenApiCard } from "@/components/api-keys/token-api-card";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { buttonVariants } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/session";
import { findConnectionName, findConnectionWithAuthors } from "@/lib/connections/find-connections";
import { getConfig } from "@/lib/config/env";
import { connectionViewFrom } from "@/lib/connections/connection-record";
import { callbackUrlFor } from "@/lib/connections/callback-url";
import { lintConnection, lintedConnectionFrom } from "@/lib/oauth/discovery-lint";

type Props = { params: Promise<{ connectionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePageUser();
  const row = await findConnectionName((await params).connectionId);
  return { title: row?.name ?? "Connection" };
}

export default async function ConnectionPage({ params }: Props) {
  const user = await requirePageUser();
  const row = await findConnectionWithAuthors((await params).connectionId);
  if (!row) notFound();
  const connection = connectionViewFrom(row);
  const isAdmin = user.role === "ADMIN";
  const warnings = lintConnection(lintedConnectionFrom(connection), connection.discoveryMetadata);
  const testable = connection.status === "ACTIVE" && connection.enabled;

  return (
    <>
      <Link href="/connections" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        Connections
      </Link>
      <PageHeader
        title={connection.name}
        description={connection.description ?? undefined}
        actions={
          <>
            {isAdmin && testable ? <TestConnectionButton connectionId={connection.id} autoStart /> : null}
            {isAdmin ? (
              <ConnectionActions
                connection={{ id: connection.id, name: connection.name, status: connection.status, enabled: connection.enabled, clientAuthMethod: connection.clientAuthMethod }}
              />
            ) : null}
            <ConnectionAuditLink connectionId={connection.id} />
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm text-muted-foreground">
        <ConnectionStatusBadge status={connection.status} health={connection.health} enabled={connection.enabled} />
        <span>
          Last tested: {connection.lastTestedAt ? <FormattedDate value={connection.lastTestedAt} /> : "never"}
        </span>
        <span>
          Created by {connection.createdBy ?? "a deleted user"} on <FormattedDate value={connection.createdAt} />
        </span>
        <span>
          Updated by {connection.updatedBy ?? "a deleted user"} on <FormattedDate value={connection.updatedAt} />
        </span>
      </div>
      {connection.status === "DRAFT" ? (
        <Alert variant="warning" className="mb-4">
          This connection is a draft: it is not active until {isAdmin ? "you finish the wizard and save it" : "an admin finishes and saves it"}.
        </Alert>
      ) : null}
      {!connection.enabled ? (
        <Alert variant="warning" className="mb-4">
          This connection is disabled: it is kept with its settings but not used.
        </Alert>
      ) : null}
      <div className="mb-4">
        <LintWarnings warnings={warnings} />
      </div>
      <ConnectionSummary data={connection} callbackUrl={callbackUrlFor(getConfig())} />
      {connection.status === "ACTIVE" ? (
        <div className="mt-6 grid gap-6">
          <TokenStatus connectionId={connection.id} />
          <TokenApiCard connection={connection} />
          <Card>
            <CardHeader className="flex-row items-center justify-between">
              <CardTitle>Test history</CardTitle>
              <Link href={`/connections/${connection.id}/tests`} className={buttonVariants({ variant: "link", size: "sm" })}>
                All tests
              </Link>
            </CardHeader>
            <CardContent>
              <TestHistory connectionId={connection.id} limit={5} />
            </CardContent>
          </Card>
        </div>
      ) : null}
    </>
  );
}
