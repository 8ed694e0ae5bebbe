import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { CauseAndFix } from "@/components/connections/cause-and-fix";
import type { PageSearchParams } from "@/app/(console)/page-search-params";
import { requirePageUser } from "@/lib/auth/session";
import { isRefusalReason, REFUSALS } from "@/lib/connection-tests/callback-refusals";
import { testResultPath } from "@/lib/connection-tests/test-paths";

export const metadata: Metadata = { title: "Authorization refused" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Where the OAuth callback sends a browser whose callback it would not finish, with the reason. */
export default async function AuthorizationRefusedPage({ searchParams }: { searchParams: PageSearchParams }) {
  await requirePageUser("AUDITOR");
  const query = await searchParams;
  const reason = isRefusalReason(query.reason) ? query.reason : "unknown_state";
  const diagnosis = REFUSALS[reason];
  const connectionId =
    typeof query.connectionId === "string" && ID.test(query.connectionId) ? query.connectionId : undefined;
  const testRunId = typeof query.testRunId === "string" && ID.test(query.testRunId) ? query.testRunId : undefined;
  return (
    <>
      <PageHeader
        title="Authorization refused"
        description="Handshake did not accept this response from the provider."
      />
      <Alert variant="destructive">
        <h2 className="mb-1 font-semibold">{diagnosis.title}</h2>
        <CauseAndFix diagnosis={diagnosis} />
      </Alert>
      <div className="mt-4 flex gap-2">
        {connectionId && testRunId ? (
          <Link href={testResultPath(connectionId, testRunId)} className={buttonVariants({ variant: "outline" })}>
            View the test result
          </Link>
        ) : null}
        <Link href="/connections" className={buttonVariants({ variant: "outline" })}>
          Back to connections
        </Link>
      </div>
    </>
  );
}
