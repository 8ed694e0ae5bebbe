import type { Metadata } from "next";
import Link from "next/link";
import { Download, Gauge } from "lucide-react";
import { FiltersNotApplied } from "@/components/layout/filters-not-applied";
import { PageHeader } from "@/components/layout/page-header";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { InventoryFilterForm } from "@/components/inventory/inventory-filter-form";
import { InventoryTable } from "@/components/inventory/inventory-table";
import { InventoryHeadlines } from "@/components/inventory/inventory-headlines";
import type { PageSearchParams } from "@/app/(console)/page-search-params";
import { requirePageUser } from "@/lib/auth/session";
import {
  countInventory,
  countInventoryMatches,
  INVENTORY_PAGE_SIZE,
  listInventoryRows,
} from "@/lib/inventory/list-inventory";
import {
  DEFAULT_SECRET_AGE_DAYS,
  inventoryFilterQuery,
  parseInventorySearchParams,
} from "@/lib/schemas/inventory-filter";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage({ searchParams }: { searchParams: PageSearchParams }) {
  await requirePageUser("AUDITOR");
  const parsed = parseInventorySearchParams(await searchParams);
  const now = new Date();
  const query = inventoryFilterQuery(parsed.values);

  const header = (
    <PageHeader
      title="Inventory"
      description="Every stored connection with its health, tokens and secret age. Filter to find the stale and the failing."
      actions={
        parsed.ok ? (
          <a
            href={`/api/inventory/export${query ? `?${query}` : ""}`}
            download
            className={buttonVariants({ variant: "outline" })}
          >
            <Download aria-hidden />
            Export CSV
          </a>
        ) : undefined
      }
    />
  );
  const form = <InventoryFilterForm key={query} values={parsed.values} errors={parsed.ok ? {} : parsed.fieldErrors} />;

  if (!parsed.ok) {
    return (
      <FiltersNotApplied header={header} form={form} testId="inventory-filter-error">
        <p>{parsed.fieldErrors.page ?? "Fix the fields marked below, or clear the filters."}</p>
      </FiltersNotApplied>
    );
  }

  const { filter } = parsed;
  // The headline counts do not depend on the filter: read alongside the page, not before it.
  const [counts, rows, matches] = await Promise.all([
    countInventory(now, DEFAULT_SECRET_AGE_DAYS),
    listInventoryRows(filter, { skip: (filter.page - 1) * INVENTORY_PAGE_SIZE, take: INVENTORY_PAGE_SIZE, now }),
    countInventoryMatches(filter, now),
  ]);
  const pages = Math.max(1, Math.ceil(matches / INVENTORY_PAGE_SIZE));
  const pageLink = (page: number) => `/inventory?${inventoryFilterQuery(parsed.values, { page })}`;

  return (
    <div className="grid gap-6">
      {header}
      <InventoryHeadlines counts={counts} />
      {form}
      {rows.length === 0 ? (
        <EmptyState
          icon={<Gauge />}
          title={counts.total === 0 ? "No connections yet" : "No connections match"}
          description={
            counts.total === 0
              ? "Connections appear here once an admin creates them."
              : "Nothing matches these filters. Clear a filter to see more."
          }
        />
      ) : (
        <>
          <p className="text-sm text-muted-foreground" data-testid="inventory-match-count">
            {matches.toLocaleString("en-US")} {matches === 1 ? "connection" : "connections"}
          </p>
          <InventoryTable
            rows={rows}
            now={now.getTime()}
            secretAgeWarningDays={filter.secretOlderThan ?? DEFAULT_SECRET_AGE_DAYS}
          />
        </>
      )}
      {pages > 1 ? (
        <nav aria-label="Inventory pages" className="flex items-center gap-2 text-sm">
          {filter.page > 1 ? (
            <Link href={pageLink(filter.page - 1)} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Previous page
            </Link>
          ) : null}
          <span className="text-muted-foreground">
            Page {filter.page} of {pages}
          </span>
          {filter.page < pages ? (
            <Link href={pageLink(filter.page + 1)} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
