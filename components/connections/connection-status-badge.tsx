import { Badge } from "@/components/ui/badge";
import {
  DISPLAY_STATUS_LABELS,
  displayStatusOf,
  type DisplayStatus,
  type StatusInput,
} from "@/lib/connections/display-status";

const VARIANTS: Record<DisplayStatus, "outline" | "success" | "warning" | "destructive" | "default"> = {
  DRAFT: "outline",
  HEALTHY: "success",
  TOKEN_EXPIRED: "warning",
  FAILING: "destructive",
  NOT_TESTED: "default",
};

/** Status as the list and detail page show it: Draft, or the health of an active connection including its token. */
export function ConnectionStatusBadge({ enabled, ...input }: StatusInput & { enabled: boolean }) {
  const status = displayStatusOf(input);
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="connection-status">
      <Badge variant={VARIANTS[status]}>{DISPLAY_STATUS_LABELS[status]}</Badge>
      {enabled ? null : <Badge variant="warning">Disabled</Badge>}
    </span>
  );
}
