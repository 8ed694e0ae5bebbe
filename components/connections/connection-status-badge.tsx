import { Badge } from "@/components/ui/badge";

/** Status as the list and detail page show it: Draft, or the health of an active connection. */
export function ConnectionStatusBadge({ status, health, enabled }: { status: string; health: string; enabled: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="connection-status">
      {status === "DRAFT" ? (
        <Badge variant="outline">Draft</Badge>
      ) : health === "HEALTHY" ? (
        <Badge variant="success">Healthy</Badge>
      ) : health === "FAILING" ? (
        <Badge variant="destructive">Failing</Badge>
      ) : (
        <Badge>Not tested</Badge>
      )}
      {enabled ? null : <Badge variant="warning">Disabled</Badge>}
    </span>
  );
}
