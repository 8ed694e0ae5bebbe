import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { NotifyOpener } from "@/components/connections/notify-opener";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { TestResultView } from "@/components/connections/test-result-view";
import { requirePageUser } from "@/lib/auth/session";
import { findTestRun } from "@/lib/oauth/find-test-runs";
import { parseStoredTestRun } from "@/lib/oauth/test-result";
import { connectionTestsPath, testResultPath } from "@/lib/oauth/test-paths";

export const metadata: Metadata = { title: "Test result" };

export default async function TestResultPage({ params }: { params: Promise<{ connectionId: string; testRunId: string }> }) {
  const user = await requirePageUser("AUDITOR");
  const { connectionId, testRunId } = await params;
  const row = await findTestRun(connectionId, testRunId);
  if (!row) notFound();
  const run = parseStoredTestRun(row);
  const finished = run.status !== "AWAITING_CALLBACK" && run.status !== "RUNNING";

  return (
    <>
      {finished ? <NotifyOpener path={testResultPath(connectionId, testRunId)} /> : null}
      <PageHeader
        title="Test result"
        description={
          <>
            Connection{" "}
            <Link href={connectionTestsPath(connectionId)} className="font-medium text-foreground underline-offset-4 hover:underline">
              {row.connection.name}
            </Link>
          </>
        }
        actions={user.role === "ADMIN" ? <TestConnectionButton connectionId={connectionId} label="Test again" variant="outline" /> : null}
      />
      <TestResultView run={run} startedByEmail={row.startedBy?.email ?? null} />
    </>
  );
}
