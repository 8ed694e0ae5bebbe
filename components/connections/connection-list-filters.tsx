import Link from "next/link";
import { Search } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { AutoSubmitSelect } from "@/components/ui/auto-submit-select";
import { FilterPanel } from "@/components/connections/filter-panel";
import { Label } from "@/components/ui/label";
import { ChoiceOptions } from "@/components/ui/choice-options";
import { GRANT_TYPE_LABELS, GRANT_TYPES } from "@/lib/connections/connection-options";
import { PROVIDER_TYPES, providerLabel } from "@/lib/connections/provider-presets";
import {
  defaultDirection,
  SORT_KEYS,
  SORT_LABELS,
  STATUS_FILTER_LABELS,
  STATUS_FILTERS,
  type ConnectionListQuery,
} from "@/lib/connections/list-connections";

/**
 * Search, filters and sort as a plain GET form: works without JavaScript, and the URL can be
 * shared. With JavaScript a changed select applies at once; on a phone the selects fold into a
 * "Filters" panel so the list starts on the first screen.
 */
export function ConnectionListFilters({ query }: { query: ConnectionListQuery }) {
  const activeCount = [query.grant, query.provider, query.status].filter(Boolean).length;
  const active = Boolean(query.q) || activeCount > 0;

  return (
    <form method="get" action="/connections" role="search" aria-label="Filter connections" className="mb-4 grid gap-3 rounded-lg border bg-card p-3 sm:p-4">
      <div className="flex items-end gap-2">
        <div className="grid min-w-0 flex-1 gap-1.5">
          <Label htmlFor="filter-q">Search by name</Label>
          <Input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} placeholder="Name contains…" />
        </div>
        <Button type="submit" variant="outline" aria-label="Search">
          <Search aria-hidden />
          <span className="hidden sm:inline">Search</span>
        </Button>
      </div>
      <FilterPanel activeCount={activeCount} className="gap-3 sm:grid-cols-2 md:grid-cols-[1fr_1fr_1fr_minmax(12rem,1.3fr)_auto]">
        <div className="grid gap-1.5">
          <Label htmlFor="filter-grant">Grant type</Label>
          <AutoSubmitSelect id="filter-grant" name="grant" defaultValue={query.grant ?? ""}>
            <option value="">Any</option>
            <ChoiceOptions choices={GRANT_TYPES} label={(g) => GRANT_TYPE_LABELS[g]} />
          </AutoSubmitSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-provider">Provider type</Label>
          <AutoSubmitSelect id="filter-provider" name="provider" defaultValue={query.provider ?? ""}>
            <option value="">Any</option>
            <ChoiceOptions choices={PROVIDER_TYPES} label={providerLabel} />
          </AutoSubmitSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-status">Status</Label>
          <AutoSubmitSelect id="filter-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">Any</option>
            <ChoiceOptions choices={STATUS_FILTERS} label={(s) => STATUS_FILTER_LABELS[s]} />
          </AutoSubmitSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-sort">Sort by</Label>
          <AutoSubmitSelect id="filter-sort" name="sort" defaultValue={`${query.sort}:${query.dir ?? defaultDirection(query.sort)}`}>
            {SORT_KEYS.flatMap((key) =>
              (["desc", "asc"] as const).map((dir) => (
                <option key={`${key}:${dir}`} value={`${key}:${dir}`}>
                  {SORT_LABELS[key]} {key === "name" ? (dir === "asc" ? "(A–Z)" : "(Z–A)") : dir === "desc" ? "(newest)" : "(oldest)"}
                </option>
              )),
            )}
          </AutoSubmitSelect>
        </div>
        <div className="flex items-end">
          {active ? (
            <Link href="/connections" className={buttonVariants({ variant: "ghost" })}>
              Clear
            </Link>
          ) : null}
        </div>
      </FilterPanel>
    </form>
  );
}
