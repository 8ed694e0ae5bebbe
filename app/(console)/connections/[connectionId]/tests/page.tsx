import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { TestHistory } from "@/components/connections/test-history";
import { TokenStatus } from "@/components/connections/token-status";
import { requirePageUser } from "@/lib/auth/session";
import { findConnection } from "@/lib/connections/find-connections";

export const metadata: Metadata = { title: "Tests" };

/** A connection's tests: run one (admins), token status, and the history of results. */
export default async function ConnectionTestsPage({ params }: { params: Promise<{ connectionId: string }> }) {
  const user = await requirePageUser("AUDITOR");
  const { connectionId } = await params;
  const connection = await findConnection(connectionId);
  if (!connection) notFound();
  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Connections", href: "/connections" },
          { label: connection.name, href: `/connections/${connection.id}` },
          { label: "Tests" },
        ]}
      />
      <PageHeader
        title={`Tests: ${connection.name}`}
        description="Run the connection's real OAuth flow against the provider, and review earlier results."
        actions={
          user.role === "ADMIN" && connection.status === "ACTIVE" && connection.enabled ? (
            <TestConnectionButton
              connectionId={connection.id}
              offerForceSignIn={connection.grantType !== "client_credentials"}
            />
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-6">
        <TokenStatus connectionId={connection.id} />
        <Card>
          <CardHeader>
            <CardTitle>Test history</CardTitle>
          </CardHeader>
          <CardContent>
            <TestHistory connectionId={connection.id} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
