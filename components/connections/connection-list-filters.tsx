import type { ReactNode } from "react";
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

/** A filter that applies as soon as it changes; "Any" clears it. Its id is `filter-` and its name. */
function FilterSelect({
  label,
  name,
  value,
  children,
}: {
  label: string;
  name: string;
  value: string;
  children: ReactNode;
}) {
  const id = `filter-${name}`;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <AutoSubmitSelect id={id} name={name} defaultValue={value}>
        <option value="">Any</option>
        {children}
      </AutoSubmitSelect>
    </div>
  );
}

/**
 * Search, filters and sort as a plain GET form: works without JavaScript, and the URL can be
 * shared. With JavaScript a changed select applies at once; on a phone the selects fold into a
 * "Filters" panel so the list starts on the first screen.
 */
export function ConnectionListFilters({ query }: { query: ConnectionListQuery }) {
  const activeCount = [query.grant, query.provider, query.status].filter(Boolean).length;
  const active = Boolean(query.q) || activeCount > 0;

  return (
    <form
      method="get"
      action="/connections"
      role="search"
      aria-label="Filter connections"
      className="mb-4 grid gap-3 rounded-lg border bg-card p-3 sm:p-4"
    >
      <div className="flex items-end gap-2">
        <div className="grid min-w-0 flex-1 gap-1.5">
          <Label htmlFor="filter-q">Search by name</Label>
          <Input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            maxLength={100}
            placeholder="Name contains…"
          />
        </div>
        <Button type="submit" variant="outline" aria-label="Search">
          <Search aria-hidden />
          <span className="hidden sm:inline">Search</span>
        </Button>
      </div>
      <FilterPanel
        activeCount={activeCount}
        className="gap-3 sm:grid-cols-2 md:grid-cols-[1fr_1fr_1fr_minmax(12rem,1.3fr)_auto]"
      >
        <FilterSelect label="Grant type" name="grant" value={query.grant ?? ""}>
          <ChoiceOptions choices={GRANT_TYPES} label={(g) => GRANT_TYPE_LABELS[g]} />
        </FilterSelect>
        <FilterSelect label="Provider type" name="provider" value={query.provider ?? ""}>
          <ChoiceOptions choices={PROVIDER_TYPES} label={providerLabel} />
        </FilterSelect>
        <FilterSelect label="Status" name="status" value={query.status ?? ""}>
          <ChoiceOptions choices={STATUS_FILTERS} label={(s) => STATUS_FILTER_LABELS[s]} />
        </FilterSelect>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-sort">Sort by</Label>
          <AutoSubmitSelect
            id="filter-sort"
            name="sort"
            defaultValue={`${query.sort}:${query.dir ?? defaultDirection(query.sort)}`}
          >
            {SORT_KEYS.flatMap((key) =>
              (["desc", "asc"] as const).map((dir) => (
                <option key={`${key}:${dir}`} value={`${key}:${dir}`}>
                  {SORT_LABELS[key]}{" "}
                  {key === "name" ? (dir === "asc" ? "(A–Z)" : "(Z–A)") : dir === "desc" ? "(newest)" : "(oldest)"}
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
