import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { TestHistory } from "@/components/connections/test-history";
import { TokenStatus } from "@/components/connections/token-status";
import { DetailSection } from "@/components/connections/detail/detail-section";
import { connectionTestsPath } from "@/lib/connection-tests/test-paths";

/** Stored tokens and the latest test runs of an active connection. */
export function TestsSection({ connectionId }: { connectionId: string }) {
  return (
    <DetailSection
      id="tests"
      title="Tests"
      action={
        <Link href={connectionTestsPath(connectionId)} className={buttonVariants({ variant: "link", size: "sm" })}>
          All tests
        </Link>
      }
    >
      <TokenStatus connectionId={connectionId} />
      <Card aria-label="Recent tests">
        <CardContent className="pt-5">
          <TestHistory connectionId={connectionId} limit={5} />
        </CardContent>
      </Card>
    </DetailSection>
  );
}
