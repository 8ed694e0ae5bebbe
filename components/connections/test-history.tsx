import Link from "next/link";
import { History } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { FormattedDate } from "@/components/ui/formatted-date";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDuration } from "@/components/connections/format-duration";
import { TestOutcomeBadge } from "@/components/connections/test-outcome-badge";
import { describeTestStarter, listTestRuns } from "@/lib/connection-tests/find-test-runs";
import { storedDiagnosisTitle } from "@/lib/connection-tests/stored-test-run";
import { testResultPath } from "@/lib/connection-tests/test-paths";

// On a phone the history keeps when, outcome and the result link in view; the result page has the rest.
const NARROW_HIDDEN = "hidden sm:table-cell";

/** A connection's test runs, newest first: when, who, outcome and a link to each result. */
export async function TestHistory({ connectionId, limit = 20 }: { connectionId: string; limit?: number }) {
  const runs = await listTestRuns(connectionId, limit);
  if (runs.length === 0) {
    return (
      <EmptyState
        icon={<History />}
        title="Not tested yet"
        description="Test results appear here, with their trace and diagnosis."
      />
    );
  }
  return (
    <DataTable
      label="Test history"
      columns={[
        "When",
        { label: "Who", className: NARROW_HIDDEN },
        { label: "Kind", className: NARROW_HIDDEN },
        "Outcome",
        { label: "Duration", className: NARROW_HIDDEN },
        { label: "Result", srOnly: true },
      ]}
    >
      {runs.map((run) => (
        <TableRow key={run.id} data-testid="test-history-row">
          <TableCell>
            <FormattedDate value={run.startedAt} />
          </TableCell>
          <TableCell className={NARROW_HIDDEN}>{describeTestStarter(run)}</TableCell>
          <TableCell className={NARROW_HIDDEN}>{run.purpose === "CONNECT" ? "Account connection" : "Test"}</TableCell>
          <TableCell className="whitespace-normal">
            <div className="flex flex-wrap items-center gap-2">
              <TestOutcomeBadge status={run.status} startedAt={run.startedAt} />
              <span className="text-xs text-muted-foreground">{storedDiagnosisTitle(run.diagnosis)}</span>
            </div>
          </TableCell>
          <TableCell className={`text-muted-foreground ${NARROW_HIDDEN}`}>{formatDuration(run.durationMs)}</TableCell>
          <TableCell className="text-right">
            <Link
              href={testResultPath(connectionId, run.id)}
              className="text-sm font-medium text-primary underline-offset-4 hover:underline"
            >
              View result
            </Link>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
