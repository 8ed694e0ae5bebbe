import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { ConnectionActionsMenu } from "@/components/connections/detail/connection-actions-menu";
import type { ConnectionView } from "@/lib/connections/connection-record";

/**
 * Breadcrumb, name and the header's actions: one primary (Test), one secondary (Edit), the rest
 * in a menu, so the buttons never wrap over the title.
 */
export function ConnectionDetailHeader({
  connection,
  isAdmin,
  autoStartTest,
}: {
  connection: ConnectionView;
  isAdmin: boolean;
  autoStartTest: boolean;
}) {
  const testable = connection.status === "ACTIVE" && connection.enabled;
  return (
    <>
      <Breadcrumbs items={[{ label: "Connections", href: "/connections" }, { label: connection.name }]} />
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid min-w-0 gap-1">
          <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">{connection.name}</h1>
          {connection.description ? (
            <p className="text-sm wrap-anywhere text-muted-foreground">{connection.description}</p>
          ) : null}
        </div>
        {isAdmin ? (
          <div className="flex shrink-0 flex-wrap items-start gap-2">
            {testable ? <TestConnectionButton connectionId={connection.id} autoStart={autoStartTest} /> : null}
            <ConnectionActionsMenu
              connection={{
                id: connection.id,
                name: connection.name,
                status: connection.status,
                enabled: connection.enabled,
                clientAuthMethod: connection.clientAuthMethod,
              }}
              testable={testable}
            />
          </div>
        ) : null}
      </div>
    </>
  );
}
