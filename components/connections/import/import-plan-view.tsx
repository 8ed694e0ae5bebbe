import { Alert, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { FileError } from "@/lib/connections-file/connections-file-schema";
import type { ImportPlan, PlanEntry } from "@/lib/connections-file/plan-import";

const ACTION_LABELS: Record<
  PlanEntry["action"],
  { label: string; variant: "success" | "warning" | "destructive" | "outline" }
> = {
  create: { label: "Create", variant: "success" },
  update: { label: "Update", variant: "warning" },
  delete: { label: "Delete", variant: "destructive" },
  unchanged: { label: "Unchanged", variant: "outline" },
};

/** "2 to create, 1 to update, 4 unchanged": what applying would do, at a glance. */
export function summarizePlan(plan: ImportPlan): string {
  const count = (action: PlanEntry["action"]) => plan.entries.filter((entry) => entry.action === action).length;
  return [
    `${count("create")} to create`,
    `${count("update")} to update`,
    `${count("delete")} to delete`,
    `${count("unchanged")} unchanged`,
  ].join(", ");
}

/** Every error of a refused file, by connection and field, so all can be fixed at once. */
export function FileErrorList({ errors }: { errors: FileError[] }) {
  return (
    <Alert variant="destructive">
      <AlertTitle>
        The file has {errors.length} error{errors.length === 1 ? "" : "s"}; nothing was or will be changed.
      </AlertTitle>
      <ul className="list-disc pl-5">
        {errors.map((error) => (
          <li key={`${error.path}:${error.message}`}>
            <code>{error.path}</code>: {error.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** The plan per connection: its action and, for an update, each changed field before and after. */
export function ImportPlanView({ plan, title }: { plan: ImportPlan; title: string }) {
  return (
    <section aria-labelledby="import-plan-heading" className="grid gap-3">
      <h2 id="import-plan-heading" className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-muted-foreground">
        {summarizePlan(plan)}. File checksum (SHA-256){" "}
        <code data-testid="import-checksum" className="break-all">
          {plan.checksum}
        </code>
        .
      </p>
      {plan.errors.length > 0 ? <FileErrorList errors={plan.errors} /> : null}
      <table className="w-full text-sm">
        <thead className="text-left text-muted-foreground">
          <tr>
            <th className="py-2 pr-3 font-medium">Connection</th>
            <th className="py-2 pr-3 font-medium">Action</th>
            <th className="py-2 font-medium">Changes</th>
          </tr>
        </thead>
        <tbody>
          {plan.entries.map((entry) => (
            <tr key={entry.name} className="border-t align-top" data-testid="import-plan-row">
              <td className="py-2 pr-3 font-medium wrap-anywhere">{entry.name}</td>
              <td className="py-2 pr-3">
                <Badge variant={ACTION_LABELS[entry.action].variant}>{ACTION_LABELS[entry.action].label}</Badge>
              </td>
              <td className="py-2">
                {entry.changes.length === 0 ? null : (
                  <ul className="grid gap-1">
                    {entry.changes.map((change) => (
                      <li key={change.field} className="wrap-anywhere">
                        <span className="font-medium">{change.label}</span>: {describeChange(change)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function describeChange(change: { before: string | null; after: string | null }): string {
  const show = (value: string | null) => (value === null || value === "" ? "(empty)" : value);
  return `${show(change.before)} → ${show(change.after)}`;
}
