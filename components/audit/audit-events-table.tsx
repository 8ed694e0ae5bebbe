"use client";

import * as React from "react";
import Link from "next/link";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormattedDate } from "@/components/ui/formatted-date";
import { DataTable } from "@/components/ui/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import type { AuditEventView, DiffRow } from "@/lib/audit/audit-event-view";

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (Array.isArray(value) && value.every((item) => typeof item === "string"))
    return value.length > 0 ? value.join(", ") : "(empty)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function DiffTable({ rows }: { rows: DiffRow[] }) {
  return (
    <table className="w-full text-sm" aria-label="Changes">
      <thead>
        <tr className="text-left text-xs text-muted-foreground">
          <th scope="col" className="py-1 pr-3 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Old
          </th>
          <th scope="col" className="py-1 font-medium">
            New
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} data-testid="diff-row" className="border-t align-top">
            <th scope="row" className="py-1 pr-3 text-left font-normal" title={row.field}>
              {row.label}
            </th>
            {row.secret ? (
              <td colSpan={2} className="py-1">
                <Badge variant="outline">changed</Badge>{" "}
                <span className="text-xs text-muted-foreground">secret: value not recorded</span>
              </td>
            ) : (
              <>
                <td className="py-1 pr-3 wrap-anywhere">{formatValue(row.from)}</td>
                <td className="py-1 wrap-anywhere">
                  <span aria-hidden className="mr-1 text-muted-foreground">
                    →
                  </span>
                  {formatValue(row.to)}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EventDetails({ event }: { event: AuditEventView }) {
  const facts: [string, React.ReactNode][] = [
    ["Event", `#${event.seq}`],
    ["Time", event.createdAt],
    ["Action", event.action],
    ["Actor", `${event.actorEmail ?? "(unknown)"}${event.actorId ? ` (${event.actorId})` : ""}`],
    ["Role", event.actorRole ?? "(none)"],
    ["Client address", event.ip ?? "(unknown)"],
    ["User agent", event.userAgent ?? "(unknown)"],
    ["Target", event.targetType ? `${event.targetType} ${event.targetName ?? ""} (${event.targetId})` : "(none)"],
    ["Connection", event.connectionId ?? "(none)"],
    [
      "Previous hash",
      <code key="p" className="break-all text-xs">
        {event.prevHash}
      </code>,
    ],
    [
      "Hash",
      <code key="h" className="break-all text-xs">
        {event.hash}
      </code>,
    ],
  ];
  const otherDetails = Object.keys(event.details).length > 0;
  return (
    <div className="grid gap-4 p-2 lg:grid-cols-2">
      <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-sm">
        {facts.map(([term, value]) => (
          <React.Fragment key={term}>
            <dt className="text-muted-foreground">{term}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </React.Fragment>
        ))}
      </dl>
      <div className="grid content-start gap-3">
        {event.diff.length > 0 ? (
          <DiffTable rows={event.diff} />
        ) : (
          <p className="text-sm text-muted-foreground">No field changes recorded.</p>
        )}
        {otherDetails ? (
          <div>
            <h3 className="mb-1 text-xs font-medium text-muted-foreground">Details</h3>
            <pre className="overflow-x-auto rounded-md bg-muted p-2 text-xs">
              {JSON.stringify(event.details, null, 2)}
            </pre>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function targetText(event: AuditEventView): string {
  if (!event.targetType) return "";
  return `${event.targetType}: ${event.targetName ?? event.targetId ?? ""}`;
}

export function AuditEventsTable({ events }: { events: (AuditEventView & { targetHref?: string })[] }) {
  const [expanded, setExpanded] = React.useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <DataTable
      label="Audit events"
      columns={[
        { label: "Expand", className: "w-10", srOnly: true },
        "#",
        "Time",
        "Actor",
        "Action",
        "Target",
        "Client",
      ]}
    >
      {events.map((event) => {
        const open = expanded.has(event.seq);
        const detailsId = `audit-event-${event.seq}-details`;
        return (
          <React.Fragment key={event.seq}>
            <TableRow data-testid="audit-row" data-seq={event.seq} data-action={event.action}>
              <TableCell>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-expanded={open}
                  aria-controls={detailsId}
                  aria-label={`${open ? "Hide" : "Show"} details of event #${event.seq}`}
                  onClick={() => toggle(event.seq)}
                >
                  {open ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                </Button>
              </TableCell>
              <TableCell className="tabular-nums text-muted-foreground">{event.seq}</TableCell>
              <TableCell className="whitespace-nowrap">
                <FormattedDate value={event.createdAt} />
              </TableCell>
              <TableCell>
                <div data-testid="audit-actor">{event.actorEmail ?? "(unknown)"}</div>
                {event.actorRole ? <div className="text-xs text-muted-foreground">{event.actorRole}</div> : null}
              </TableCell>
              <TableCell>
                <div className="font-medium">{event.actionLabel}</div>
                <div className="font-mono text-xs text-muted-foreground">{event.action}</div>
              </TableCell>
              <TableCell className="max-w-64 truncate" title={targetText(event)}>
                {event.targetHref ? (
                  <Link href={event.targetHref} className="text-primary underline-offset-4 hover:underline">
                    {targetText(event)}
                  </Link>
                ) : (
                  targetText(event)
                )}
              </TableCell>
              <TableCell className="text-muted-foreground">{event.ip ?? ""}</TableCell>
            </TableRow>
            {open ? (
              <TableRow id={detailsId} data-testid="audit-row-details" className="bg-muted/30 hover:bg-muted/30">
                <TableCell colSpan={7}>
                  <EventDetails event={event} />
                </TableCell>
              </TableRow>
            ) : null}
          </React.Fragment>
        );
      })}
    </DataTable>
  );
}
