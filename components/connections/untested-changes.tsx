import type { ReactNode } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import { RevertFieldButton } from "@/components/connections/revert-field-button";
import type { UntestedChanges } from "@/lib/connections/good-configuration";

/**
 * What changed since the last successful test, field by field (a secret only as "changed"), with
 * a Revert per field for admins, and the promise that bots keep the last tested configuration.
 */
export function UntestedChangesNotice({
  connectionId,
  untested,
  canRevert,
  action,
}: {
  connectionId: string;
  untested: UntestedChanges;
  canRevert: boolean;
  action?: ReactNode;
}) {
  return (
    <section
      aria-labelledby="untested-changes-heading"
      className="grid gap-3 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
      data-testid="untested-changes"
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1">
          <h2 id="untested-changes-heading" className="font-semibold">
            Changed since the last successful test
          </h2>
          <p>
            Bots keep getting tokens from the last tested configuration (tested{" "}
            <RelativeTime value={untested.testedAt.toISOString()} />) until this one passes a test.
          </p>
        </div>
        {action}
      </div>
      <table className="w-full text-left">
        <thead className="text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Field
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Last successful test
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Now
            </th>
            {canRevert ? (
              <th scope="col" className="sr-only">
                Revert
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {untested.changes.map((change) => (
            <tr key={change.field} className="border-t border-warning/30 align-top">
              <th scope="row" className="py-2 pr-3 font-medium">
                {change.label}
              </th>
              {change.before === null || change.after === null ? (
                <td colSpan={2} className="py-2 pr-3 text-muted-foreground">
                  changed
                </td>
              ) : (
                <>
                  <td className="py-2 pr-3 font-mono text-xs wrap-anywhere">
                    {change.before || <span className="font-sans text-muted-foreground">(empty)</span>}
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs wrap-anywhere">
                    {change.after || <span className="font-sans text-muted-foreground">(empty)</span>}
                  </td>
                </>
              )}
              {canRevert ? (
                <td className="py-1 text-right">
                  <RevertFieldButton
                    connectionId={connectionId}
                    version={untested.version}
                    field={change.field}
                    label={change.label}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
