import type { Metadata } from "next";
import Link from "next/link";
import { Download, ScrollText } from "lucide-react";
import { FiltersNotApplied } from "@/components/layout/filters-not-applied";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditEventsTable } from "@/components/audit/audit-events-table";
import { VerifyIntegrityButton } from "@/components/audit/verify-integrity-button";
import type { PageSearchParams } from "@/app/(console)/page-search-params";
import { requirePageUser } from "@/lib/auth/session";
import { listUserEmails } from "@/lib/users/find-users";
import {
  buildAuditWhere,
  describeAuditConnection,
  findLiveConnectionIds,
  listAuditEventsPage,
} from "@/lib/audit/list-audit-events";
import { auditTargetHref, toAuditEventView } from "@/lib/audit/audit-event-view";
import { auditFilterQuery, parseAuditSearchParams, type AuditFilterValues } from "@/lib/schemas/audit-filter";

export const metadata: Metadata = { title: "Audit" };

function ExportLinks({ values }: { values: AuditFilterValues }) {
  return (
    <>
      {(["csv", "jsonl"] as const).map((format) => (
        <a
          key={format}
          href={`/api/audit/export?${auditFilterQuery(values, { format })}`}
          download
          className={buttonVariants({ variant: "outline" })}
        >
          <Download aria-hidden />
          {format === "csv" ? "Export CSV" : "Export JSON Lines"}
        </a>
      ))}
    </>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await requirePageUser("AUDITOR");
  const parsed = parseAuditSearchParams(await searchParams);
  const actorSuggestions = await listUserEmails();

  const header = (
    <PageHeader
      title="Audit"
      description="Every sign-in, change, test and export, newest first. Each event is chained to the one before it, so a changed, removed or reordered event shows up when you verify."
      actions={parsed.ok ? <ExportLinks values={parsed.values} /> : undefined}
    />
  );
  const form = (
    <AuditFilterForm
      key={auditFilterQuery(parsed.values)}
      values={parsed.values}
      errors={parsed.ok ? {} : parsed.fieldErrors}
      actorSuggestions={actorSuggestions}
    />
  );

  if (!parsed.ok) {
    return (
      <FiltersNotApplied header={header} form={form} testId="audit-filter-error">
        {parsed.cursorError ? (
          <p>
            {parsed.cursorError}{" "}
            <Link href={`/audit?${auditFilterQuery(parsed.values)}`}>Start from the newest events</Link>.
          </p>
        ) : (
          <p>Fix the fields marked below, or clear the filters.</p>
        )}
      </FiltersNotApplied>
    );
  }

  const [where, connection] = await Promise.all([
    buildAuditWhere(parsed.filter),
    parsed.filter.connection ? describeAuditConnection(parsed.filter.connection) : undefined,
  ]);
  const page = await listAuditEventsPage(where, parsed.cursor);
  const liveConnectionIds = await findLiveConnectionIds(
    page.events.flatMap((e) => (e.targetType === "connection" && e.targetId ? [e.targetId] : [])),
  );
  const linkContext = { liveConnectionIds, canOpenUsers: user.role === "ADMIN" };
  const filterQuery = auditFilterQuery(parsed.values);
  const pageLink = (cursor: Record<string, number>) => `/audit?${auditFilterQuery(parsed.values, cursor)}`;

  return (
    <div className="grid gap-6">
      {header}
      <VerifyIntegrityButton />
      {connection?.kind === "one" ? (
        <Alert data-testid="audit-connection-scope">
          Showing the audit history of connection{" "}
          {connection.exists ? (
            <Link href={`/connections/${connection.id}`}>{connection.name}</Link>
          ) : (
            <strong>{connection.name}</strong>
          )}
          {connection.exists ? "" : " (deleted)"}.
        </Alert>
      ) : connection?.kind === "partial" ? (
        <Alert data-testid="audit-connection-scope">
          Showing the audit history of the {connection.limited ? `first ${connection.count}` : connection.count}{" "}
          connections whose names contain “{connection.text}”.
        </Alert>
      ) : null}
      {form}
      {page.events.length === 0 ? (
        <EmptyState
          icon={<ScrollText />}
          title="No events match"
          description={
            filterQuery
              ? "Nothing was recorded that matches these filters. Widen the date range or clear a filter."
              : "Nothing has been recorded yet."
          }
        />
      ) : (
        <AuditEventsTable
          events={page.events.map((e) => {
            const view = toAuditEventView(e);
            return { ...view, targetHref: auditTargetHref(view, linkContext) };
          })}
        />
      )}
      <nav aria-label="Audit pages" className="flex flex-wrap items-center gap-2">
        {page.newerCursor !== undefined ? (
          <>
            <Link
              href={`/audit${filterQuery ? `?${filterQuery}` : ""}`}
              className={buttonVariants({ variant: "ghost", size: "sm" })}
            >
              Newest
            </Link>
            <Link
              href={pageLink({ after: page.newerCursor })}
              className={buttonVariants({ variant: "outline", size: "sm" })}
            >
              Newer events
            </Link>
          </>
        ) : null}
        {page.olderCursor !== undefined ? (
          <Link
            href={pageLink({ before: page.olderCursor })}
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            Older events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
