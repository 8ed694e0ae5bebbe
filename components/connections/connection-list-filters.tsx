import Link from "next/link";
import { Search } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { GRANT_TYPE_LABELS, GRANT_TYPES } from "@/lib/oauth/connection-options";
import { PROVIDER_PRESETS } from "@/lib/oauth/provider-presets";
import {
  defaultDirection,
  SORT_KEYS,
  SORT_LABELS,
  STATUS_FILTER_LABELS,
  STATUS_FILTERS,
  type ConnectionListQuery,
} from "@/lib/connections/list-connections";

/** Search, filters and sort as a plain GET form: works without JavaScript, and the URL can be shared. */
export function ConnectionListFilters({ query }: { query: ConnectionListQuery }) {
  const active = Boolean(query.q || query.grant || query.provider || query.status);
  return (
    <form method="get" action="/connections" role="search" aria-label="Filter connections" className="mb-4 grid gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-[minmax(10rem,2fr)_1fr_1fr_1fr_minmax(12rem,1.4fr)_auto]">
      <div className="grid gap-1.5">
        <Label htmlFor="filter-q">Search by name</Label>
        <Input id="filter-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} placeholder="Name contains…" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="filter-grant">Grant type</Label>
        <NativeSelect id="filter-grant" name="grant" defaultValue={query.grant ?? ""}>
          <option value="">Any</option>
          {GRANT_TYPES.map((g) => (
            <option key={g} value={g}>
              {GRANT_TYPE_LABELS[g]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="filter-provider">Provider type</Label>
        <NativeSelect id="filter-provider" name="provider" defaultValue={query.provider ?? ""}>
          <option value="">Any</option>
          {PROVIDER_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="filter-status">Status</Label>
        <NativeSelect id="filter-status" name="status" defaultValue={query.status ?? ""}>
          <option value="">Any</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_FILTER_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="filter-sort">Sort by</Label>
        <NativeSelect id="filter-sort" name="sort" defaultValue={`${query.sort}:${query.dir ?? defaultDirection(query.sort)}`}>
          {SORT_KEYS.flatMap((key) =>
            (["desc", "asc"] as const).map((dir) => (
              <option key={`${key}:${dir}`} value={`${key}:${dir}`}>
                {SORT_LABELS[key]} {key === "name" ? (dir === "asc" ? "(A–Z)" : "(Z–A)") : dir === "desc" ? "(newest)" : "(oldest)"}
              </option>
            )),
          )}
        </NativeSelect>
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit">
          <Search aria-hidden />
          Apply
        </Button>
        {active ? (
          <Link href="/connections" className={buttonVariants({ variant: "ghost" })}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
