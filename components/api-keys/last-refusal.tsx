import { FormattedDate } from "@/components/ui/formatted-date";
import type { ApiKeySummary } from "@/lib/api-keys/list-api-keys";

type Refusal = Pick<
  ApiKeySummary,
  | "lastRefusedAt"
  | "lastRefusedStatus"
  | "lastRefusedType"
  | "lastRefusedDetail"
  | "lastRefusedIp"
  | "lastRefusedUserAgent"
>;

/** The key's last refused token API call: when, the HTTP status and problem type, why, and from where. */
export function LastRefusal({ value }: { value: Refusal }) {
  if (!value.lastRefusedAt) return <>None</>;
  return (
    <div data-testid="api-key-last-refusal" className="grid gap-0.5">
      <span>
        <FormattedDate value={value.lastRefusedAt} /> · {value.lastRefusedStatus}{" "}
        <code className="font-mono text-xs">{value.lastRefusedType}</code>
      </span>
      <span className="wrap-anywhere">{value.lastRefusedDetail}</span>
      <span className="max-w-96 truncate text-xs text-muted-foreground" title={value.lastRefusedUserAgent ?? undefined}>
        from {value.lastRefusedIp ?? "an unknown address"}
        {value.lastRefusedUserAgent ? `, ${value.lastRefusedUserAgent}` : ""}
      </span>
    </div>
  );
}
