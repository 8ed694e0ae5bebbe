import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { NotifyOpener } from "@/components/connections/notify-opener";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { TestResultView } from "@/components/connections/test-result-view";
import { ReEnterSecretFix } from "@/components/connections/detail/re-enter-secret-fix";
import { UntestedChangesNotice } from "@/components/connections/untested-changes";
import { requirePageUser } from "@/lib/auth/session";
import { loadUntestedChanges } from "@/lib/connections/good-configuration";
import { describeTestStarter, findTestRun, testRunNumber } from "@/lib/connection-tests/find-test-runs";
import { parseStoredTestRun } from "@/lib/connection-tests/stored-test-run";
import { connectionTestsPath, testResultPath } from "@/lib/connection-tests/test-paths";

export const metadata: Metadata = { title: "Test result" };

export default async function TestResultPage({
  params,
}: {
  params: Promise<{ connectionId: string; testRunId: string }>;
}) {
  const user = await requirePageUser("AUDITOR");
  const { connectionId, testRunId } = await params;
  const row = await findTestRun(connectionId, testRunId);
  if (!row) notFound();
  const run = parseStoredTestRun(row);
  const number = await testRunNumber(connectionId, row.startedAt);
  const finished = run.status !== "AWAITING_CALLBACK" && run.status !== "RUNNING";
  const isAdmin = user.role === "ADMIN";
  const testable = row.connection.status === "ACTIVE" && row.connection.enabled;
  // The console knows this fix: a refused client secret is replaced right here, then tested again.
  const secretRefused = run.diagnosis?.code === "invalid_client" && row.connection.clientAuthMethod !== "none";
  // A failure shows what changed since the last test that passed: the likely cause, one click from undone.
  const untested = run.status === "FAILED" || run.status === "WARNING" ? await loadUntestedChanges(connectionId) : null;

  return (
    <>
      {finished ? <NotifyOpener path={testResultPath(connectionId, testRunId)} /> : null}
      <Breadcrumbs
        items={[
          { label: "Connections", href: "/connections" },
          { label: row.connection.name, href: `/connections/${connectionId}` },
          { label: "Tests", href: connectionTestsPath(connectionId) },
          { label: `#${number}` },
        ]}
      />
      <PageHeader
        title={`Test result #${number}`}
        description={row.connection.name}
        actions={
          isAdmin && testable ? (
            <TestConnectionButton connectionId={connectionId} label="Test again" variant="outline" />
          ) : null
        }
      />
      {untested ? (
        <div className="mb-6">
          <UntestedChangesNotice connectionId={connectionId} untested={untested} canRevert={isAdmin && testable} />
        </div>
      ) : null}
      <TestResultView
        run={run}
        startedByEmail={describeTestStarter(row)}
        canApplyFix={isAdmin}
        diagnosisActions={
          isAdmin && testable && secretRefused ? <ReEnterSecretFix connectionId={connectionId} /> : undefined
        }
      />
    </>
  );
}
