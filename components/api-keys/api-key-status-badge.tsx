import { Badge } from "@/components/ui/badge";
import type { ApiKeyStatus } from "@/lib/api-keys/list-api-keys";

const LOOK: Record<ApiKeyStatus, { label: string; variant: "success" | "destructive" | "outline" }> = {
  active: { label: "Active", variant: "success" },
  revoked: { label: "Revoked", variant: "destructive" },
  expired: { label: "Expired", variant: "outline" },
};

export function ApiKeyStatusBadge({ status }: { status: ApiKeyStatus }) {
  const { label, variant } = LOOK[status];
  return <Badge variant={variant}>{label}</Badge>;
}
