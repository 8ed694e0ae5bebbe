import { RelativeTime } from "@/components/ui/relative-time";
import { ConnectionAuditLink } from "@/components/audit/connection-audit-link";
import { DetailSection } from "@/components/connections/detail/detail-section";
import type { ConnectionView } from "@/lib/connections/connection-record";

/** Who created and last changed the connection, and the way to its full audit history. */
export function AuditSection({ connection }: { connection: ConnectionView }) {
  return (
    <DetailSection id="audit" title="Audit" action={<ConnectionAuditLink connectionId={connection.id} />}>
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div className="min-w-0">
          <dt className="text-muted-foreground">Created</dt>
          <dd className="wrap-anywhere">
            <RelativeTime value={connection.createdAt} /> by {connection.createdBy ?? "someone no longer known"}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-muted-foreground">Last updated</dt>
          <dd className="wrap-anywhere">
            <RelativeTime value={connection.updatedAt} /> by {connection.updatedBy ?? "someone no longer known"}
          </dd>
        </div>
      </dl>
    </DetailSection>
  );
}
