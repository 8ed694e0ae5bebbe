import { Badge } from "@/components/ui/badge";
import { PENDING_AUTHORIZATION_TTL_MS } from "@/lib/connection-tests/start-authorization";

type DisplayOutcome = { label: string; variant: "success" | "warning" | "destructive" | "outline" };

/** What a test run's status reads as; a run still waiting after 10 minutes has expired. */
export function displayOutcome(status: string, startedAt: Date, now = Date.now()): DisplayOutcome {
  switch (status) {
    case "SUCCESS":
      return { label: "Success", variant: "success" };
    case "WARNING":
      return { label: "Warning", variant: "warning" };
    case "FAILED":
      return { label: "Failed", variant: "destructive" };
    case "CANCELLED":
      return { label: "Cancelled", variant: "outline" };
    case "AWAITING_CALLBACK":
      return now - startedAt.getTime() > PENDING_AUTHORIZATION_TTL_MS
        ? { label: "Expired", variant: "destructive" }
        : { label: "Waiting for the provider", variant: "outline" };
    default:
      return { label: "Running", variant: "outline" };
  }
}

export function TestOutcomeBadge({ status, startedAt }: { status: string; startedAt: Date }) {
  const { label, variant } = displayOutcome(status, startedAt);
  return <Badge variant={variant}>{label}</Badge>;
}
